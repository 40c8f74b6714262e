import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, mongo } from 'mongoose';
import { Device } from '@vigil/persistence';
import { DeviceSeenOutput } from './device-session.types';
import { driverCollection, DUPLICATE_KEY } from './device-session.repository';
import { DocumentWriteLock } from './document-write.lock';

type StoredDevice = Partial<Device> & Pick<Device, '_id'>;

/** Keeps the device record: how many sessions it had, the latest one, when it was last seen. */
@Injectable()
export class DeviceRepository {
  constructor(
    @InjectModel(Device.name) private readonly model: Model<Device>,
    private readonly lock: DocumentWriteLock,
  ) {}

  /**
   * Counts a started session on its device. The filter skips a device whose latest session is
   * this one, so a replayed start is not counted twice. Its upsert then fails with a duplicate key
   * error. An insert that raced with another insert fails the same way, so the write is tried once
   * more as a plain update, which matches nothing when the session was already counted.
   */
  async recordSession(seen: DeviceSeenOutput): Promise<void> {
    await this.lock.run([`device:${seen.device_id}`], () => this.upsert(seen));
  }

  private async upsert(seen: DeviceSeenOutput): Promise<void> {
    const collection = driverCollection<StoredDevice>(this.model);
    const filter = { _id: seen.device_id, last_session_id: { $ne: seen.session_id } };
    const changes = {
      $inc: { session_count: 1 },
      $set: { last_session_id: seen.session_id },
      $max: { last_seen_at: seen.seen_at },
    };
    const insert = { $setOnInsert: { tenant_id: seen.tenant_id, created_at: seen.seen_at } };
    try {
      await collection.updateOne(filter, { ...changes, ...insert }, { upsert: true });
    } catch (error) {
      if (!(error instanceof mongo.MongoServerError) || error.code !== DUPLICATE_KEY) {
        throw error;
      }
      await collection.updateOne(filter, changes);
    }
  }
}

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
   * Counts a started session on its device. A device whose latest session is this one is left
   * alone, so a replayed start is not counted twice. The device is read and written by `_id`
   * under its write lock, so no other write of this process comes in between.
   */
  async recordSession(seen: DeviceSeenOutput): Promise<void> {
    await this.lock.run([`device:${seen.device_id}`], () => this.upsert(seen));
  }

  private async upsert(seen: DeviceSeenOutput): Promise<void> {
    const collection = driverCollection<StoredDevice>(this.model);
    const stored = await collection.findOne(
      { _id: seen.device_id },
      { projection: { last_session_id: 1 } },
    );
    if (stored?.last_session_id === seen.session_id) {
      return;
    }
    const update = {
      $inc: { session_count: 1 },
      $set: { last_session_id: seen.session_id },
      $max: { last_seen_at: seen.seen_at },
      $setOnInsert: { tenant_id: seen.tenant_id, created_at: seen.seen_at },
    };
    try {
      await collection.updateOne({ _id: seen.device_id }, update, { upsert: true });
    } catch (error) {
      // Another service instance inserted the device first: count this session on its record.
      if (!(error instanceof mongo.MongoServerError && error.code === DUPLICATE_KEY)) {
        throw error;
      }
      await collection.updateOne({ _id: seen.device_id }, update);
    }
  }
}

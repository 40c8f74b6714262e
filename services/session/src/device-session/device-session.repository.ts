import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, mongo } from 'mongoose';
import { DeviceSession } from '@vigil/persistence';
import { DeviceSessionState } from './device-session.types';
import { DocumentWriteLock } from './document-write.lock';
import {
  StoredDeviceSession,
  toNewDocument,
  toOwnedFields,
  toState,
} from './device-session.mapper';

export const DUPLICATE_KEY = 11000;

/** Returns the key of a device session in the DocumentWriteLock. */
export function sessionLockKey(sessionId: string): string {
  return `device-session:${sessionId}`;
}

/** The driver's collection behind a model, for writes that must reach the server as written. */
export function driverCollection<T extends mongo.Document>(
  model: Pick<Model<never>, 'db' | 'collection'>,
): mongo.Collection<T> {
  return model.db.db!.collection<T>(model.collection.collectionName);
}

/**
 * Reads and writes device sessions with the driver's collection, so that filters and updates
 * reach the server as written (no casting and no defaults added to upserts).
 */
@Injectable()
export class DeviceSessionRepository {
  constructor(
    @InjectModel(DeviceSession.name) private readonly model: Model<DeviceSession>,
    private readonly lock: DocumentWriteLock,
  ) {}

  private get collection(): mongo.Collection<StoredDeviceSession> {
    return driverCollection<StoredDeviceSession>(this.model);
  }

  async findById(sessionId: string): Promise<DeviceSessionState | undefined> {
    const doc = await this.collection.findOne({ _id: sessionId });

    return doc ? toState(doc) : undefined;
  }

  async findByIds(sessionIds: string[]): Promise<Map<string, DeviceSessionState>> {
    const docs = await this.collection.find({ _id: { $in: sessionIds } }).toArray();

    return new Map(docs.map((doc) => [doc._id, toState(doc)]));
  }

  /**
   * Writes a session that was read at `state.revision`, or inserts it when it was not found.
   * Returns false when another writer got there first (revision changed, or the session was
   * created in between), so the caller reloads and applies its events again.
   *
   * `guard` adds conditions to the filter, such as the idle expiry the expiry path decided on.
   */
  async save(
    state: DeviceSessionState,
    isNew: boolean,
    guard: Record<string, unknown> = {},
  ): Promise<boolean> {
    const write = isNew ? () => this.insert(state) : () => this.update(state, guard);

    return this.lock.run([sessionLockKey(state.session_id)], write);
  }

  /** Records that the expiry of a session was published; no other writer sets this field. */
  async markExpiryPublished(sessionId: string, at: Date): Promise<void> {
    await this.lock.run([sessionLockKey(sessionId)], () =>
      this.collection.updateOne(
        { _id: sessionId, state: 'expired' },
        { $set: { expiry_published_at: at } },
      ),
    );
  }

  /**
   * Finds active sessions whose idle timeout or maximum lifetime ended before `cutoff`, in `_id`
   * order after `afterId`, so a caller pages through them even when some stay active.
   */
  async findOverdue(cutoff: Date, limit: number, afterId?: string): Promise<DeviceSessionState[]> {
    const docs = await this.collection
      .find({
        state: 'active',
        $or: [{ idle_expires_at: { $lt: cutoff } }, { max_expires_at: { $lt: cutoff } }],
        ...(afterId !== undefined ? { _id: { $gt: afterId } } : {}),
      })
      .sort({ _id: 1 })
      .limit(limit)
      .toArray();

    return docs.map(toState);
  }

  private async update(state: DeviceSessionState, guard: Record<string, unknown>) {
    const result = await this.collection.updateOne(
      { _id: state.session_id, revision: state.revision, ...guard },
      {
        $set: { ...toOwnedFields(state), revision: state.revision + 1 },
        $max: { last_seen_at: state.last_seen_at, idle_expires_at: state.idle_expires_at },
      },
    );

    return result.matchedCount === 1;
  }

  private async insert(state: DeviceSessionState): Promise<boolean> {
    try {
      await this.collection.insertOne(toNewDocument(state));

      return true;
    } catch (error) {
      if (error instanceof mongo.MongoServerError && error.code === DUPLICATE_KEY) {
        return false;
      }
      throw error;
    }
  }
}

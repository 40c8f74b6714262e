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
import { mapConcurrently } from './map-concurrently';

export const DUPLICATE_KEY = 11000;

/**
 * Reads by `_id` in flight at once for one batch. FerretDB 1.24 on SQLite passes only a filter of
 * exactly `{ _id: value }` to SQLite, and decodes and tests every document of the collection
 * itself for any other filter, `$in` included, so a batch reads its documents one by one.
 */
export const READ_CONCURRENCY = 8;

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
 * Reads the documents of `ids`, each with a filter of exactly `{ _id }`, and returns those found
 * by id.
 */
export async function findEachById<T extends { _id: string }>(
  collection: mongo.Collection<T>,
  ids: readonly string[],
  projection?: mongo.Document,
): Promise<Map<string, T>> {
  const docs = await mapConcurrently(ids, READ_CONCURRENCY, (id) =>
    collection.findOne({ _id: id } as mongo.Filter<T>, { projection }),
  );
  const found = docs.filter((doc): doc is mongo.WithId<T> => doc !== null);

  return new Map(found.map((doc) => [doc._id, doc as T]));
}

/**
 * Reads and writes device sessions with the driver's collection, so that filters and updates
 * reach the server as written (no casting and no defaults added to upserts). Every filter is
 * exactly `{ _id }`, except the sweep's query for overdue sessions.
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
    const docs = await findEachById(this.collection, sessionIds);

    return new Map([...docs].map(([id, doc]) => [id, toState(doc)]));
  }

  /**
   * Writes a session that was read at `state.revision`, or inserts it when it was not found.
   * Returns false when another writer got there first (revision changed, or the session was
   * created in between), so the caller reloads and applies its events again.
   *
   * `guard` adds a condition on the stored session, such as the idle expiry the expiry path
   * decided on. The write only happens when it returns true.
   *
   * NOTE: the compare-and-set lives in this process's DocumentWriteLock: the stored session is
   * read and checked under the lock and then updated by `_id` alone. Several session service
   * instances must therefore not write the same sessions, on MongoDB as on FerretDB.
   */
  async save(
    state: DeviceSessionState,
    isNew: boolean,
    guard: (stored: DeviceSessionState) => boolean = () => true,
  ): Promise<boolean> {
    const write = isNew ? () => this.insert(state) : () => this.update(state, guard);

    return this.lock.run([sessionLockKey(state.session_id)], write);
  }

  /**
   * Records that the expiry of a session was published; no other writer sets this field. The
   * caller read the session as expired, and an expired session stays expired.
   */
  async markExpiryPublished(sessionId: string, at: Date): Promise<void> {
    await this.lock.run([sessionLockKey(sessionId)], () =>
      this.collection.updateOne({ _id: sessionId }, { $set: { expiry_published_at: at } }),
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

  /** Runs under the session's lock, so nothing in this process writes between read and write. */
  private async update(
    state: DeviceSessionState,
    guard: (stored: DeviceSessionState) => boolean,
  ): Promise<boolean> {
    const stored = await this.findById(state.session_id);
    if (!stored || stored.revision !== state.revision || !guard(stored)) {
      return false;
    }
    const result = await this.collection.updateOne(
      { _id: state.session_id },
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

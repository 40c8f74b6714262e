import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, mongo } from 'mongoose';
import { DeviceSession } from '@vigil/persistence';
import { SessionPolicy } from './device-session.types';
import { StoredDeviceSession } from './device-session.mapper';
import { driverCollection, DUPLICATE_KEY, sessionLockKey } from './device-session.repository';
import { DocumentWriteLock } from './document-write.lock';
import { TelemetrySummary } from './telemetry-summary';
import { toTelemetryWrite } from './telemetry-write';

/**
 * Upserts per bulk write. FerretDB 1.24 hangs when update commands running at once hold 100 or
 * more statements (docs/infrastructure.md, FerretDB rule 2), so the telemetry writes of this
 * process run one at a time and in chunks well below that.
 */
const CHUNK_SIZE = 25;
const BULK_WRITE_LOCK_KEY = 'telemetry-bulk-write';

/**
 * Applies coalesced telemetry to device sessions: one upsert per session per batch, sent as bulk
 * writes of up to CHUNK_SIZE sessions. An expired session rejects its upsert with a duplicate key
 * error.
 *
 * MongoDB documents that an unordered bulk write applies the other writes and reports the failed
 * ones; that path was not run against MongoDB here. FerretDB 1.24.2 (SQLite backend) stops at the
 * first failed write even with `ordered: false`, reports it at index 0 and counts nothing as
 * matched. So after a duplicate key error the repository reads back which sessions carry this
 * write's id (applied) and which are expired (late), and writes the rest again.
 */
@Injectable()
export class SessionTelemetryRepository {
  constructor(
    @InjectModel(DeviceSession.name) private readonly model: Model<DeviceSession>,
    private readonly lock: DocumentWriteLock,
  ) {}

  private get collection(): mongo.Collection<StoredDeviceSession> {
    return driverCollection<StoredDeviceSession>(this.model);
  }

  /** Applies the summaries and returns those whose session had expired, after counting them late. */
  async record(summaries: TelemetrySummary[], policy: SessionPolicy): Promise<TelemetrySummary[]> {
    const late: TelemetrySummary[] = [];
    for (let start = 0; start < summaries.length; start += CHUNK_SIZE) {
      const chunk = summaries.slice(start, start + CHUNK_SIZE);
      const keys = [
        BULK_WRITE_LOCK_KEY,
        ...chunk.map((summary) => sessionLockKey(summary.session_id)),
      ];
      late.push(...(await this.lock.run(keys, () => this.recordChunk(chunk, policy))));
    }

    return late;
  }

  private async recordChunk(summaries: TelemetrySummary[], policy: SessionPolicy) {
    const late: TelemetrySummary[] = [];
    let pending = summaries;
    // Every failed round settles at least the session that failed, except in a race with an insert.
    for (let round = 0; pending.length > 0; round += 1) {
      const writeId = randomUUID();
      try {
        await this.bulkUpsert(pending, policy, writeId);
        break;
      } catch (error) {
        if (!isDuplicateKeyError(error) || round > summaries.length) {
          throw error;
        }
        const settled = await this.sortAfterFailure(pending, writeId);
        late.push(...settled.late);
        pending = settled.unapplied;
      }
    }
    await this.countLate(late);

    return late;
  }

  private async bulkUpsert(summaries: TelemetrySummary[], policy: SessionPolicy, writeId: string) {
    const operations = summaries.map((summary) => {
      const { filter, update } = toTelemetryWrite(summary, policy, writeId);

      return { updateOne: { filter, update, upsert: true } };
    });
    await this.collection.bulkWrite(operations, { ordered: false });
  }

  private async sortAfterFailure(pending: TelemetrySummary[], writeId: string) {
    const docs = await this.collection
      .find(
        { _id: { $in: pending.map((summary) => summary.session_id) } },
        { projection: { state: 1, telemetry_write_id: 1 } },
      )
      .toArray();
    const byId = new Map(docs.map((doc) => [doc._id, doc]));
    const late: TelemetrySummary[] = [];
    const unapplied: TelemetrySummary[] = [];
    for (const summary of pending) {
      const doc = byId.get(summary.session_id);
      if (doc?.telemetry_write_id === writeId) {
        continue;
      }
      (doc?.state === 'expired' ? late : unapplied).push(summary);
    }

    return { late, unapplied };
  }

  private async countLate(late: TelemetrySummary[]): Promise<void> {
    if (late.length === 0) {
      return;
    }
    await this.collection.bulkWrite(
      late.map((summary) => ({
        updateOne: {
          filter: { _id: summary.session_id, state: 'expired' },
          // The activity path sets this counter as a whole, so the revision moves to make a
          // write of it that read the session before this one fail its guard and read again.
          update: { $inc: { late_event_count: summary.event_count, revision: 1 } },
        },
      })),
      { ordered: false },
    );
  }
}

/** Returns whether a write failed only because of duplicate keys, in every form the driver uses. */
export function isDuplicateKeyError(error: unknown): boolean {
  if (!(error instanceof mongo.MongoServerError)) {
    return false;
  }
  if (error instanceof mongo.MongoBulkWriteError) {
    const writeErrors = [error.writeErrors].flat();

    return writeErrors.length > 0 && writeErrors.every((item) => item.code === DUPLICATE_KEY);
  }

  return error.code === DUPLICATE_KEY;
}

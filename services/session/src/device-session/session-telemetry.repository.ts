import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { AnyBulkWriteOperation, Model, mongo } from 'mongoose';
import { BULK_WRITE_CHUNK_SIZE, bulkWriteInChunks, DeviceSession } from '@vigil/persistence';
import { SessionPolicy } from './device-session.types';
import { StoredDeviceSession } from './device-session.mapper';
import { driverCollection, findEachById, sessionLockKey } from './device-session.repository';
import { DocumentWriteLock } from './document-write.lock';
import { summarizeTelemetry, TelemetrySummary } from './telemetry-summary';
import { PositionedTelemetry, toTelemetryWrite, unappliedTelemetry } from './telemetry-write';

/** Lock key that makes the telemetry bulk writes of this process run one after another. */
const BULK_WRITE_LOCK_KEY = 'telemetry-bulk-write';

/**
 * Applies coalesced telemetry to device sessions: one write per session per batch. For each chunk
 * of up to BULK_WRITE_CHUNK_SIZE sessions it takes the sessions' write locks and reads their state
 * and `telemetry_position` by `_id`. It then drops the records at or before that position, which
 * were counted by an earlier attempt at the batch, and decides per session in code (active or
 * unknown: upsert the telemetry; expired: count it late). The writes, all filtered on `_id`
 * alone and each recording the position of its last record, go out as one bulk write.
 *
 * Because the state is read under the lock that every writer of a session in this process takes,
 * no write can meet a state other than the one decided on. The session consumer group gives all
 * records of a session to one process (see SESSION_CONSUMER_GROUP), so no other process writes
 * the session either. No other writer can insert the session while the lock is held, so an upsert
 * cannot fail with a duplicate key, and a failed bulk write is a plain error that the consumer
 * retries.
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

  /**
   * Applies the records, which are in offset order, and returns the summaries of those whose
   * session had expired, after counting them late.
   */
  async record(
    records: PositionedTelemetry[],
    policyOf: (tenantId: string) => SessionPolicy,
  ): Promise<TelemetrySummary[]> {
    const sessions = [...groupBySession(records).values()];
    const late: TelemetrySummary[] = [];
    for (let start = 0; start < sessions.length; start += BULK_WRITE_CHUNK_SIZE) {
      const chunk = sessions.slice(start, start + BULK_WRITE_CHUNK_SIZE);
      const keys = [
        BULK_WRITE_LOCK_KEY,
        ...chunk.map((session) => sessionLockKey(session[0].envelope.session_id)),
      ];
      late.push(...(await this.lock.run(keys, () => this.recordChunk(chunk, policyOf))));
    }

    return late;
  }

  private async recordChunk(
    sessions: PositionedTelemetry[][],
    policyOf: (tenantId: string) => SessionPolicy,
  ): Promise<TelemetrySummary[]> {
    const ids = sessions.map((session) => session[0].envelope.session_id);
    const stored = await findEachById(this.collection, ids, { state: 1, telemetry_position: 1 });
    const writes = sessions.flatMap((session) => {
      const doc = stored.get(session[0].envelope.session_id);
      const fresh = unappliedTelemetry(session, doc?.telemetry_position);
      if (fresh.length === 0) {
        return [];
      }
      const [summary] = summarizeTelemetry(fresh.map((record) => record.envelope));
      const state = doc ? (doc.state ?? 'active') : undefined;
      const { partition, offset } = fresh[fresh.length - 1];
      const write = toTelemetryWrite(summary, state, policyOf(summary.tenant_id), {
        partition,
        offset,
      });

      return [{ summary, write }];
    });
    const operations: AnyBulkWriteOperation<DeviceSession>[] = writes.map(
      ({ write: { filter, update, upsert } }) => ({
        // The $setOnInsert goes out as built, without the schema defaults mongoose would add.
        updateOne: { filter, update, upsert, setDefaultsOnInsert: false },
      }),
    );
    if (operations.length > 0) {
      // Ordered, so a write that mongoose cannot cast fails the call instead of being left out.
      await bulkWriteInChunks(this.model, operations, { ordered: true });
    }

    return writes.filter(({ write }) => write.kind === 'late').map(({ summary }) => summary);
  }
}

function groupBySession(records: PositionedTelemetry[]): Map<string, PositionedTelemetry[]> {
  const groups = new Map<string, PositionedTelemetry[]>();
  for (const record of records) {
    const group = groups.get(record.envelope.session_id) ?? [];
    group.push(record);
    groups.set(record.envelope.session_id, group);
  }

  return groups;
}

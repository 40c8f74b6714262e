import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { AnyBulkWriteOperation, Model, mongo } from 'mongoose';
import { BULK_WRITE_CHUNK_SIZE, bulkWriteInChunks, DeviceSession } from '@vigil/persistence';
import { SessionPolicy } from './device-session.types';
import { StoredDeviceSession } from './device-session.mapper';
import { driverCollection, findEachById, sessionLockKey } from './device-session.repository';
import { DocumentWriteLock } from './document-write.lock';
import { TelemetrySummary } from './telemetry-summary';
import { toTelemetryWrite } from './telemetry-write';

/** Lock key that makes the telemetry bulk writes of this process run one after another. */
const BULK_WRITE_LOCK_KEY = 'telemetry-bulk-write';

/**
 * Applies coalesced telemetry to device sessions: one write per session per batch. For each chunk
 * of up to BULK_WRITE_CHUNK_SIZE sessions it takes the sessions' write locks, reads their states
 * by `_id`, decides per session in code (active or unknown: upsert the telemetry; expired: count
 * it late) and sends the writes, all filtered on `_id` alone, as one bulk write.
 *
 * Because the state is read under the lock that every writer of a session in this process takes,
 * no write can meet a state other than the one decided on. An upsert of an `_id` that no writer
 * in this process is inserting at the same time cannot fail with a duplicate key, so a failed bulk
 * write is a plain error and the consumer retries the batch.
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
  async record(
    summaries: TelemetrySummary[],
    policyOf: (tenantId: string) => SessionPolicy,
  ): Promise<TelemetrySummary[]> {
    const late: TelemetrySummary[] = [];
    for (let start = 0; start < summaries.length; start += BULK_WRITE_CHUNK_SIZE) {
      const chunk = summaries.slice(start, start + BULK_WRITE_CHUNK_SIZE);
      const keys = [
        BULK_WRITE_LOCK_KEY,
        ...chunk.map((summary) => sessionLockKey(summary.session_id)),
      ];
      late.push(...(await this.lock.run(keys, () => this.recordChunk(chunk, policyOf))));
    }

    return late;
  }

  private async recordChunk(
    summaries: TelemetrySummary[],
    policyOf: (tenantId: string) => SessionPolicy,
  ) {
    const ids = summaries.map((summary) => summary.session_id);
    const stored = await findEachById(this.collection, ids, { state: 1 });
    const writes = summaries.map((summary) => {
      const doc = stored.get(summary.session_id);

      const state = doc ? (doc.state ?? 'active') : undefined;

      return toTelemetryWrite(summary, state, policyOf(summary.tenant_id));
    });
    const operations: AnyBulkWriteOperation<DeviceSession>[] = writes.map(
      ({ filter, update, upsert }) => ({
        // The $setOnInsert goes out as built, without the schema defaults mongoose would add.
        updateOne: { filter, update, upsert, setDefaultsOnInsert: false },
      }),
    );
    // Ordered, so a write that mongoose cannot cast fails the call instead of being left out.
    await bulkWriteInChunks(this.model, operations, { ordered: true });

    return summaries.filter((_, index) => writes[index].kind === 'late');
  }
}

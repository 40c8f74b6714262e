import { TypedEnvelope } from '@vigil/contracts';
import { SessionPolicy } from './device-session.types';
import { PROVISIONAL_MAX_LIFETIME_MS } from './session-creation';
import { TelemetrySummary } from './telemetry-summary';

/** Position of a telemetry record in its topic. */
export interface TelemetryPosition {
  partition: number;
  /** Kafka offset, as the decimal string that kafkajs returns. */
  offset: string;
}

/** A consumed telemetry record with its position. */
export interface PositionedTelemetry extends TelemetryPosition {
  envelope: TypedEnvelope<'telemetry.recorded'>;
}

/**
 * Returns the records of one session that come after `applied`, the position of the last record
 * already counted on the session. A batch consumed again after a crash, or with more records than
 * the first time, is then counted once. A record from another partition than `applied` counts: the
 * topic's partition count changed, so positions cannot be compared.
 */
export function unappliedTelemetry(
  records: PositionedTelemetry[],
  applied: TelemetryPosition | undefined,
): PositionedTelemetry[] {
  if (applied === undefined) {
    return records;
  }
  const appliedOffset = BigInt(applied.offset);

  return records.filter(
    (record) => record.partition !== applied.partition || BigInt(record.offset) > appliedOffset,
  );
}

/** Write of a batch's telemetry to one session, decided from the session's stored state. */
export type TelemetryWriteKind = 'apply' | 'late';

/** The single write of a batch's telemetry to one device session document. */
export interface TelemetryWrite {
  kind: TelemetryWriteKind;
  filter: { _id: string };
  update: Record<string, Record<string, unknown>>;
  upsert: boolean;
}

/**
 * Builds the single write that applies a batch's telemetry to one session, given the state the
 * session had when it was read (`undefined` when it was not found) and the position of the last
 * record the summary covers, which the write records as `telemetry_position`.
 *
 * - An active or unknown session gets an upsert that counts the events, moves the activity
 *   forward and sets each device attribute; an unknown one is created active.
 * - An expired session is never revived: the events only count in `late_event_count`.
 *
 * The filter is `{ _id }` alone, so the caller must hold the session's write lock from the read
 * of `storedState` until the write.
 */
export function toTelemetryWrite(
  summary: TelemetrySummary,
  storedState: 'active' | 'expired' | undefined,
  policy: SessionPolicy,
  position: TelemetryPosition,
): TelemetryWrite {
  if (storedState === 'expired') {
    return toLateWrite(summary, position);
  }

  return toApplyWrite(summary, policy, position);
}

function toApplyWrite(
  summary: TelemetrySummary,
  policy: SessionPolicy,
  position: TelemetryPosition,
): TelemetryWrite {
  const firstAt = summary.first_received_at;
  const lastAt = summary.last_received_at;
  const set: Record<string, unknown> = { telemetry_position: position };
  if (summary.clock_skew_ms !== undefined) {
    set.clock_skew_ms = summary.clock_skew_ms;
  }
  for (const [key, value] of Object.entries(summary.attributes)) {
    // Keys are validated against ATTRIBUTE_KEY_PATTERN, so they hold no `.` and no leading `$`.
    set[`device_attributes.${key}`] = value;
  }
  const setOnInsert: Record<string, unknown> = {
    tenant_id: summary.tenant_id,
    device_id: summary.device_id,
    state: 'active',
    correlation_id: summary.correlation_id,
    created_at: firstAt,
    max_expires_at: new Date(firstAt.getTime() + PROVISIONAL_MAX_LIFETIME_MS),
    current_user_id: null,
    user_history: [],
    action_count: 0,
    late_event_count: 0,
    recent_event_ids: [],
    revision: 0,
    ...definedOnly({ ip: summary.client.ip, user_agent: summary.client.user_agent }),
  };
  if (Object.keys(summary.attributes).length === 0) {
    setOnInsert.device_attributes = {};
  }
  const update: TelemetryWrite['update'] = {
    $inc: {
      telemetry_event_count: summary.event_count,
      skewed_event_count: summary.skewed_event_count,
    },
    $max: {
      last_seen_at: lastAt,
      idle_expires_at: new Date(lastAt.getTime() + policy.idleTimeoutMs),
    },
    $set: set,
    $setOnInsert: setOnInsert,
  };

  return { kind: 'apply', filter: { _id: summary.session_id }, update, upsert: true };
}

function toLateWrite(summary: TelemetrySummary, position: TelemetryPosition): TelemetryWrite {
  return {
    kind: 'late',
    filter: { _id: summary.session_id },
    // The activity path sets this counter as a whole, so the revision moves to make a write of
    // it that read the session before this one find another revision and read again.
    update: {
      $inc: { late_event_count: summary.event_count, revision: 1 },
      $set: { telemetry_position: position },
    },
    upsert: false,
  };
}

function definedOnly(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
}

import { SessionPolicy } from './device-session.types';
import { PROVISIONAL_MAX_LIFETIME_MS } from './session-creation';
import { TelemetrySummary } from './telemetry-summary';

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
 * session had when it was read (`undefined` when it was not found).
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
): TelemetryWrite {
  if (storedState === 'expired') {
    return toLateWrite(summary);
  }

  return toApplyWrite(summary, policy);
}

function toApplyWrite(summary: TelemetrySummary, policy: SessionPolicy): TelemetryWrite {
  const firstAt = summary.first_received_at;
  const lastAt = summary.last_received_at;
  const set: Record<string, unknown> = {};
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
    $setOnInsert: setOnInsert,
  };
  if (Object.keys(set).length > 0) {
    update.$set = set;
  }

  return { kind: 'apply', filter: { _id: summary.session_id }, update, upsert: true };
}

function toLateWrite(summary: TelemetrySummary): TelemetryWrite {
  return {
    kind: 'late',
    filter: { _id: summary.session_id },
    // The activity path sets this counter as a whole, so the revision moves to make a write of
    // it that read the session before this one find another revision and read again.
    update: { $inc: { late_event_count: summary.event_count, revision: 1 } },
    upsert: false,
  };
}

function definedOnly(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
}

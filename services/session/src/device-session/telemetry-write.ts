import { SessionPolicy } from './device-session.types';
import { PROVISIONAL_MAX_LIFETIME_MS } from './session-creation';
import { TelemetrySummary } from './telemetry-summary';

/** One upsert of a device session document for a batch of telemetry. */
export interface TelemetryWrite {
  filter: { _id: string; state: 'active' };
  update: Record<string, Record<string, unknown>>;
}

/**
 * Builds the single write that applies a batch's telemetry to one session. The filter matches only
 * an active session, so for an expired one the upsert tries an insert and fails on the `_id` index
 * with a duplicate key error (11000) instead of reviving it. `state` comes from the filter on
 * insert. `writeId` marks the documents this write reached (see the repository).
 */
export function toTelemetryWrite(
  summary: TelemetrySummary,
  policy: SessionPolicy,
  writeId: string,
): TelemetryWrite {
  const firstAt = summary.first_received_at;
  const lastAt = summary.last_received_at;
  const set: Record<string, unknown> = { telemetry_write_id: writeId };
  for (const [key, value] of Object.entries(summary.attributes)) {
    // Keys are validated against ATTRIBUTE_KEY_PATTERN, so they hold no `.` and no leading `$`.
    set[`device_attributes.${key}`] = value;
  }
  const setOnInsert: Record<string, unknown> = {
    tenant_id: summary.tenant_id,
    device_id: summary.device_id,
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

  return {
    filter: { _id: summary.session_id, state: 'active' },
    update: {
      $inc: { telemetry_event_count: summary.event_count },
      $max: {
        last_seen_at: lastAt,
        idle_expires_at: new Date(lastAt.getTime() + policy.idleTimeoutMs),
      },
      $set: set,
      $setOnInsert: setOnInsert,
    },
  };
}

function definedOnly(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
}

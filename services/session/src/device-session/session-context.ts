import {
  ATTRIBUTE_MAX_KEYS,
  AttributeMap,
  SCORED_ATTRIBUTE_KEYS,
  SessionContext,
} from '@vigil/contracts';
import { DeviceSessionState } from './device-session.types';
import { countDistinctUsers } from './session-users';

/** Builds the session context that travels with an action event to scoring. */
export function toSessionContext(session: DeviceSessionState): SessionContext {
  const context: SessionContext = {
    device_id: session.device_id,
    started_at: session.created_at.toISOString(),
    distinct_user_count: countDistinctUsers(session),
    action_count: session.action_count,
    telemetry_event_count: session.telemetry_event_count,
    device_attributes: limitAttributes(session.device_attributes),
  };
  if (session.current_user_id !== null) {
    context.current_user_id = session.current_user_id;
  }

  return context;
}

/**
 * Keeps `ATTRIBUTE_MAX_KEYS` attributes: those the risk signals read (`SCORED_ATTRIBUTE_KEYS`)
 * first, then the others in key order. Telemetry batches are each limited to that many keys, but
 * a session merges many batches, and the contract of the context event allows no more: an action
 * must never be rejected for the size of its context.
 */
export function limitAttributes(attributes: AttributeMap): AttributeMap {
  const keys = Object.keys(attributes);
  if (keys.length <= ATTRIBUTE_MAX_KEYS) {
    return attributes;
  }
  const scored = SCORED_ATTRIBUTE_KEYS.filter((key) => key in attributes);
  const others = keys.filter((key) => !SCORED_ATTRIBUTE_KEYS.includes(key)).sort();
  const kept = [...scored, ...others].slice(0, ATTRIBUTE_MAX_KEYS);

  return Object.fromEntries(kept.map((key) => [key, attributes[key]]));
}

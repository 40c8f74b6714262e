import { ClientContext } from '@vigil/contracts';
import { DeviceSessionState, SessionPolicy } from './device-session.types';

/**
 * Maximum lifetime given to a session seen in telemetry or an action before its `session.started`
 * event, which replaces it with the session token's expiry. The gateway publishes the start
 * before it hands out the token, so this only matters when the start event was lost.
 */
export const PROVISIONAL_MAX_LIFETIME_MS = 24 * 60 * 60 * 1000;

export interface NewSessionFields {
  session_id: string;
  tenant_id: string;
  device_id: string;
  correlation_id: string;
  at: Date;
  client: ClientContext;
}

/**
 * Returns an active session that nothing has been applied to yet: created at `at`, with the
 * provisional maximum lifetime and no activity counted.
 */
export function newSession(fields: NewSessionFields, policy: SessionPolicy): DeviceSessionState {
  const { at } = fields;

  return {
    session_id: fields.session_id,
    tenant_id: fields.tenant_id,
    device_id: fields.device_id,
    state: 'active',
    created_at: at,
    correlation_id: fields.correlation_id,
    last_seen_at: at,
    idle_expires_at: new Date(at.getTime() + policy.idleTimeoutMs),
    max_expires_at: new Date(at.getTime() + PROVISIONAL_MAX_LIFETIME_MS),
    current_user_id: null,
    user_history: [],
    telemetry_event_count: 0,
    action_count: 0,
    late_event_count: 0,
    device_attributes: {},
    ip: fields.client.ip,
    user_agent: fields.client.user_agent,
    recent_event_ids: [],
    revision: 0,
  };
}

/** Moves the last activity forward to `at`; activity never moves it back. */
export function touch(
  session: DeviceSessionState,
  at: Date,
  policy: SessionPolicy,
): DeviceSessionState {
  const idleExpiresAt = new Date(at.getTime() + policy.idleTimeoutMs);

  return {
    ...session,
    last_seen_at: laterOf(session.last_seen_at, at),
    idle_expires_at: laterOf(session.idle_expires_at, idleExpiresAt),
  };
}

export function laterOf(a: Date, b: Date): Date {
  return a.getTime() >= b.getTime() ? a : b;
}

export function earlierOf(a: Date, b: Date): Date {
  return a.getTime() <= b.getTime() ? a : b;
}

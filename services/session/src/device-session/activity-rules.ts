import { ClientContext, TypedEnvelope } from '@vigil/contracts';
import {
  ActivityEnvelope,
  DeviceSessionState,
  SessionEndedOutput,
  SessionOutput,
  SessionPolicy,
} from './device-session.types';
import { earlierOf, newSession, touch } from './session-creation';
import { toSessionContext } from './session-context';
import { decideExpiry, expireSession, expiryDue } from './session-expiry';
import { clearCurrentUser, setCurrentUser } from './session-users';

/** Action types whose successful result names the user who is now on the device. */
export const LOGIN_ACTION_TYPES: ReadonlySet<string> = new Set(['login']);

/** A session's new state and what to publish, schedule or record because of one event. */
export interface Change {
  state: DeviceSessionState;
  outputs: SessionOutput[];
}

/**
 * Starts the session, or completes one that telemetry or an action created first, and requests
 * its expiry timer and its device record. A second start of a started session changes nothing.
 */
export function startSession(
  existing: DeviceSessionState | undefined,
  event: TypedEnvelope<'session.started'>,
  policy: SessionPolicy,
): Change {
  const at = new Date(event.received_at);
  const { payload } = event;
  const base = existing ?? newSession(fieldsOf(event, payload.device_id, payload.client), policy);
  if (base.started_at) {
    return { state: base, outputs: [] };
  }
  // Telemetry may have created the session first: keep what it recorded, fill the rest, and let
  // the start's correlation id and token expiry replace the provisional ones.
  const started = touch(
    {
      ...base,
      started_at: at,
      created_at: earlierOf(base.created_at, at),
      correlation_id: event.correlation_id,
      max_expires_at: new Date(payload.expires_at),
      ip: base.ip ?? payload.client.ip,
      user_agent: base.user_agent ?? payload.client.user_agent,
    },
    at,
    policy,
  );
  const outputs: SessionOutput[] = [
    { kind: 'schedule-expiry', ...idsOf(event), ...timerDue(started, policy) },
    {
      kind: 'record-device-session',
      tenant_id: event.tenant_id,
      session_id: event.session_id,
      device_id: started.device_id,
      seen_at: at,
    },
  ];

  return { state: started, outputs };
}

/** Counts an action and passes it on with the session context, the action itself included. */
export function triggerAction(
  existing: DeviceSessionState | undefined,
  event: TypedEnvelope<'action.triggered'>,
  policy: SessionPolicy,
): Change {
  const at = new Date(event.received_at);
  const outputs: SessionOutput[] = [];
  let session = existing;
  if (!session) {
    // The start event was lost: keep the session provisionally so the action keeps its context.
    session = newSession(fieldsOf(event, event.payload.device_id, event.payload.client), policy);
    const due = timerDue(session, policy);
    outputs.push({ kind: 'schedule-expiry', ...idsOf(event), ...due });
  }
  const counted = touch({ ...session, action_count: session.action_count + 1 }, at, policy);
  outputs.push(contextualize(event, counted));

  return { state: counted, outputs };
}

/** Applies a user change: `user.set`, `user.cleared`, or the successful result of a login. */
export function changeUser(
  session: DeviceSessionState,
  event: TypedEnvelope<'action.result-reported' | 'user.set' | 'user.cleared'>,
  at: Date,
): Change {
  if (event.type === 'user.set') {
    return {
      state: setCurrentUser(session, event.payload.user_id, event.payload.source, at),
      outputs: [],
    };
  }
  if (event.type === 'user.cleared') {
    return { state: clearCurrentUser(session, 'explicit', at), outputs: [] };
  }
  const { result, user_id: userId, action_type: actionType } = event.payload;
  if (result === 'success' && userId !== undefined && LOGIN_ACTION_TYPES.has(actionType)) {
    return { state: setCurrentUser(session, userId, 'login', at), outputs: [] };
  }

  return { state: session, outputs: [] };
}

/** Ends the session now because the backend revoked it, clearing its user as `revoked`. */
export function revokeSession(
  session: DeviceSessionState,
  event: TypedEnvelope<'session.revoked'>,
): Change {
  const at = new Date(event.received_at);
  const { state, clearedUserId } = expireSession(session, { due_at: at, reason: 'revoked' });

  return { state, outputs: [announceEnd(state, event.correlation_id, clearedUserId)] };
}

/**
 * Applies the check of a timer or the sweep: a session idle or old enough at the time the check was received
 * ends at its due time; one that is not asks for a timer at its new due time. The check comes
 * after every event received before it, so none of them is missed.
 */
export function checkExpiry(
  session: DeviceSessionState,
  event: TypedEnvelope<'session.expiry-due'>,
  policy: SessionPolicy,
): Change {
  const decision = decideExpiry(session, new Date(event.received_at), policy);
  if (decision.kind === 'already-expired') {
    return { state: session, outputs: [] };
  }
  if (decision.kind === 'not-due') {
    const correlationId = session.correlation_id ?? event.correlation_id;
    const timer: SessionOutput = {
      kind: 'schedule-expiry',
      tenant_id: session.tenant_id,
      session_id: session.session_id,
      correlation_id: correlationId,
      due_at: decision.due.due_at,
    };

    return { state: session, outputs: [timer] };
  }
  const { state, clearedUserId } = expireSession(session, decision.due);
  const correlationId = session.correlation_id ?? event.correlation_id;

  return { state, outputs: [announceEnd(state, correlationId, clearedUserId)] };
}

/** Builds the announcement of an ended session from its expired state. */
export function announceEnd(
  state: DeviceSessionState,
  correlationId: string,
  clearedUserId?: string,
): SessionEndedOutput {
  return {
    kind: 'announce-session-end',
    tenant_id: state.tenant_id,
    session_id: state.session_id,
    device_id: state.device_id,
    correlation_id: state.correlation_id ?? correlationId,
    reason: state.expiry_reason ?? 'idle_timeout',
    expired_at: state.expired_at ?? state.last_seen_at,
    token_expires_at: state.max_expires_at,
    ...(clearedUserId !== undefined ? { cleared_user_id: clearedUserId } : {}),
  };
}

export function contextualize(
  event: TypedEnvelope<'action.triggered'>,
  session: DeviceSessionState,
): SessionOutput {
  return {
    kind: 'publish-contextualized-action',
    source: event,
    payload: { action: event.payload, session: toSessionContext(session) },
  };
}

function timerDue(session: DeviceSessionState, policy: SessionPolicy): { due_at: Date } {
  return { due_at: expiryDue(session, policy).due_at };
}

function idsOf(event: ActivityEnvelope) {
  return {
    tenant_id: event.tenant_id,
    session_id: event.session_id,
    correlation_id: event.correlation_id,
  };
}

function fieldsOf(event: ActivityEnvelope, deviceId: string, client: ClientContext) {
  return { ...idsOf(event), device_id: deviceId, at: new Date(event.received_at), client };
}

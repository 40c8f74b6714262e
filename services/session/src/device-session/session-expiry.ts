import { DeviceSessionState, ExpiryReason, SessionPolicy } from './device-session.types';
import { clearCurrentUser } from './session-users';

export interface ExpiryDue {
  due_at: Date;
  reason: ExpiryReason;
}

export type ExpiryDecision =
  | { kind: 'already-expired' }
  | { kind: 'not-due'; due: ExpiryDue }
  | { kind: 'due'; due: ExpiryDue };

/**
 * Computes when the session ends: after the idle timeout counted from its last activity, or at
 * its maximum lifetime, whichever comes first. The idle timeout is the current setting, so a
 * changed setting applies to sessions already running.
 */
export function expiryDue(session: DeviceSessionState, policy: SessionPolicy): ExpiryDue {
  const idleDue = session.last_seen_at.getTime() + policy.idleTimeoutMs;
  const maxDue = session.max_expires_at.getTime();
  if (maxDue <= idleDue) {
    return { due_at: session.max_expires_at, reason: 'max_lifetime' };
  }

  return { due_at: new Date(idleDue), reason: 'idle_timeout' };
}

/** Decides what an expiry timer that fires at `now` does with the session. */
export function decideExpiry(
  session: DeviceSessionState,
  now: Date,
  policy: SessionPolicy,
): ExpiryDecision {
  if (session.state === 'expired') {
    return { kind: 'already-expired' };
  }
  const due = expiryDue(session, policy);
  if (due.due_at.getTime() > now.getTime()) {
    return { kind: 'not-due', due };
  }

  return { kind: 'due', due };
}

/**
 * Ends the session at its due time and clears its current user as `expired`. Returns the new state
 * and the user it cleared, if any.
 */
export function expireSession(
  session: DeviceSessionState,
  due: ExpiryDue,
): { state: DeviceSessionState; clearedUserId?: string } {
  const clearedUserId = session.current_user_id ?? undefined;
  const clearedBy = due.reason === 'revoked' ? 'revoked' : 'expired';
  const withoutUser = clearCurrentUser(session, clearedBy, due.due_at);
  const state: DeviceSessionState = {
    ...withoutUser,
    state: 'expired',
    expired_at: due.due_at,
    expiry_reason: due.reason,
  };

  return { state, clearedUserId };
}

import { TypedEnvelope } from '@vigil/contracts';
import {
  ActivityEnvelope,
  ActivityOutcome,
  DeviceSessionState,
  SessionPolicy,
} from './device-session.types';
import {
  announceEnd,
  Change,
  changeUser,
  checkExpiry,
  contextualize,
  revokeSession,
  startSession,
  triggerAction,
} from './activity-rules';
import { touch } from './session-creation';

/** How many applied event ids a session keeps to recognise replayed records. */
export const RECENT_EVENT_LIMIT = 64;

/**
 * Applies one activity event to a device session and returns the new state with what to publish
 * and schedule. Server time (`received_at`) stamps every change; the device clock is never read.
 *
 * - An event whose id the session has already applied is skipped without output.
 * - An event for an expired session never revives it: it is counted in `late_event_count`, and an
 *   action is still passed on for scoring with the session context as it was at expiry.
 * - Every applied event counts as activity and moves the idle expiry forward.
 */
export function applyActivity(
  session: DeviceSessionState | undefined,
  event: ActivityEnvelope,
  policy: SessionPolicy,
): ActivityOutcome {
  if (event.type === 'session.expiry-due') {
    return applyExpiryCheck(session, event, policy);
  }
  if (session?.recent_event_ids.includes(event.event_id)) {
    return { state: session, outputs: [], status: 'replayed' };
  }
  if (session && session.tenant_id !== event.tenant_id) {
    return ignore(session, 'event tenant differs from the device session tenant');
  }
  if (session?.state === 'expired') {
    return applyLate(session, event);
  }

  return applyToActive(session, event, policy);
}

function applyToActive(
  session: DeviceSessionState | undefined,
  event: ActivityEnvelope,
  policy: SessionPolicy,
): ActivityOutcome {
  const at = new Date(event.received_at);
  switch (event.type) {
    case 'session.started':
      return remember(startSession(session, event, policy), event, at, policy);
    case 'action.triggered':
      return remember(triggerAction(session, event, policy), event, at, policy);
    case 'session.expiry-due':
      return applyExpiryCheck(session, event, policy);
    default:
      if (!session) {
        return ignore(session, 'no device session with this id has started');
      }
      if (event.type === 'session.revoked') {
        return remember(revokeSession(session, event), event, at, policy);
      }

      return remember(changeUser(session, event, at), event, at, policy);
  }
}

/**
 * Applies a timer's or the sweep's check. It is no activity, so the idle timeout does not move.
 * An expired session whose end was never announced (a crash between the write and the
 * announcement) is announced again, so every ended session is announced at least once.
 */
function applyExpiryCheck(
  session: DeviceSessionState | undefined,
  event: TypedEnvelope<'session.expiry-due'>,
  policy: SessionPolicy,
): ActivityOutcome {
  if (!session) {
    return ignore(session, 'no device session with this id has started');
  }
  if (session.state === 'expired') {
    const outputs = session.expiry_published_at
      ? []
      : [announceEnd(session, event.correlation_id, clearedUserOf(session))];

    return { state: session, outputs, status: 'replayed' };
  }
  const change = checkExpiry(session, event, policy);
  const state = {
    ...change.state,
    recent_event_ids: rememberId(change.state.recent_event_ids, event.event_id),
  };

  return { state, outputs: change.outputs, status: 'applied' };
}

function clearedUserOf(session: DeviceSessionState): string | undefined {
  return session.user_history.find(
    (association) => association.cleared_by === 'expired' || association.cleared_by === 'revoked',
  )?.user_id;
}

function applyLate(session: DeviceSessionState, event: ActivityEnvelope): ActivityOutcome {
  const counted = { ...session, late_event_count: session.late_event_count + 1 };
  const state = {
    ...counted,
    recent_event_ids: rememberId(counted.recent_event_ids, event.event_id),
  };
  const outputs = event.type === 'action.triggered' ? [contextualize(event, session)] : [];

  return { state, outputs, status: 'late' };
}

function remember(
  change: Change,
  event: ActivityEnvelope,
  at: Date,
  policy: SessionPolicy,
): ActivityOutcome {
  const touched = touch(change.state, at, policy);
  const state = {
    ...touched,
    recent_event_ids: rememberId(touched.recent_event_ids, event.event_id),
  };

  return { state, outputs: change.outputs, status: 'applied' };
}

function rememberId(ids: string[], eventId: string): string[] {
  return [...ids, eventId].slice(-RECENT_EVENT_LIMIT);
}

function ignore(session: DeviceSessionState | undefined, reason: string): ActivityOutcome {
  return { state: session, outputs: [], status: 'ignored', reason };
}

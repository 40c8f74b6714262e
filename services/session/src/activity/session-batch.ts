import {
  ActivityEnvelope,
  ActivityStatus,
  DeviceSessionState,
  SessionOutput,
  SessionPolicy,
} from '../device-session/device-session.types';
import { applyActivity } from '../device-session/session-state';

/** Outcome of one session's events in a batch. */
export interface SessionBatchResult {
  sessionId: string;
  state: DeviceSessionState | undefined;
  /** Idle expiry of the stored session as read; an expiry is written only if it is unchanged. */
  loadedIdleExpiresAt?: Date;
  /** True when the session was not stored before, so it is inserted. */
  isNew: boolean;
  /** True when any event changed the state, so it must be written. */
  changed: boolean;
  outputs: SessionOutput[];
  /** Events that were counted late or ignored, for the log. */
  unapplied: { event: ActivityEnvelope; status: ActivityStatus; reason?: string }[];
}

/** Applies one session's events, in offset order, to the state read from storage. */
export function applySessionEvents(
  loaded: DeviceSessionState | undefined,
  events: ActivityEnvelope[],
  policy: SessionPolicy,
): SessionBatchResult {
  const result: SessionBatchResult = {
    sessionId: events[0].session_id,
    state: loaded,
    loadedIdleExpiresAt: loaded?.idle_expires_at,
    isNew: loaded === undefined,
    changed: false,
    outputs: [],
    unapplied: [],
  };
  for (const event of events) {
    const outcome = applyActivity(result.state, event, policy);
    result.state = outcome.state;
    result.outputs.push(...outcome.outputs);
    result.changed ||= outcome.status === 'applied' || outcome.status === 'late';
    if (outcome.status === 'late' || outcome.status === 'ignored') {
      result.unapplied.push({ event, status: outcome.status, reason: outcome.reason });
    }
  }

  return result;
}

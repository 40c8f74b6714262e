import {
  ActionContextualized,
  ActionTriggered,
  ClientContext,
  SessionContext,
} from '@vigil/contracts';
import { ActionHistory, WindowCounts } from '../action-history';
import { readRealChromeUserAgent } from './shared-data';

/**
 * An address of Comcast's residential block 73.0.0.0/8, which no shipped reputation list
 * holds (the IP reputation spec checks it).
 */
export const RESIDENTIAL_IP = '73.162.10.20';

export interface ActionInputChanges {
  action?: Partial<Omit<ActionTriggered, 'client'>>;
  client?: Partial<ClientContext>;
  session?: Partial<SessionContext>;
}

/**
 * Builds an SDK login of `user-1` on device `device-1` from a residential IP with a real Chrome
 * user agent, with `changes` applied.
 */
export function actionInput(changes: ActionInputChanges = {}): ActionContextualized {
  const action: ActionTriggered = {
    action_id: 'action-1',
    action_type: 'login',
    device_id: 'device-1',
    source: 'sdk',
    user_id: 'user-1',
    ...changes.action,
    client: { ip: RESIDENTIAL_IP, user_agent: readRealChromeUserAgent(), ...changes.client },
  };
  const session: SessionContext = {
    device_id: action.device_id,
    started_at: '2024-08-20T10:00:00.000Z',
    distinct_user_count: 1,
    action_count: 1,
    telemetry_event_count: 0,
    ...changes.session,
  };

  return { action, session };
}

/** Counts of the action being scored alone, in every window. */
export const ONLY_THIS_ACTION: WindowCounts = { lastMinute: 1, lastHour: 1, lastDay: 1 };

/** Builds the history of a user's first action on its first device, with `changes` applied. */
export function historyOf(changes: Partial<ActionHistory> = {}): ActionHistory {
  return {
    session: ONLY_THIS_ACTION,
    device: ONLY_THIS_ACTION,
    user: ONLY_THIS_ACTION,
    ip: ONLY_THIS_ACTION,
    userKnownDevice: false,
    userDeviceCount: 1,
    userPreviousActionCount: 0,
    ...changes,
  };
}

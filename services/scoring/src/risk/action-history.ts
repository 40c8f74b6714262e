import { ActionContextualized } from '@vigil/contracts';

/** Sliding windows over which actions are counted, in milliseconds. */
export const HISTORY_WINDOWS_MS = {
  lastMinute: 60_000,
  lastHour: 3_600_000,
  lastDay: 86_400_000,
} as const;

export type HistoryWindow = keyof typeof HISTORY_WINDOWS_MS;

/** Actions counted in each window up to and including the action being scored. */
export type WindowCounts = Record<HistoryWindow, number>;

/** Counts of earlier actions around the one being scored. Every count includes that action. */
export interface ActionHistory {
  /** Actions in this device session (device id and session start). */
  session: WindowCounts;
  /** Actions on this device across its sessions. */
  device: WindowCounts;
  /** Actions of the action's user; absent when the action has no user. */
  user?: WindowCounts;
  /** Actions from the client IP; absent when the action has no client IP. */
  ip?: WindowCounts;
  /** Whether the user had an earlier action on this device. False without a user. */
  userKnownDevice: boolean;
  /** Devices seen for the user up to this action, this one included. 0 without a user. */
  userDeviceCount: number;
  /** Actions of the user in the 24 hours before this action. 0 without a user. */
  userPreviousActionCount: number;
}

/**
 * Records each action and returns the history it is scored against. Recording is idempotent by
 * `action.action_id`, so a replayed action event returns the same history as the first time.
 */
export interface ActionHistoryStore {
  /**
   * Records the action at time `at` and returns the history including it. `tenantId` keeps the
   * users, devices and IPs of one tenant apart from those of others; omitted, all share one space.
   */
  recordAndRead(input: ActionContextualized, at: Date, tenantId?: string): Promise<ActionHistory>;
}

/**
 * Returns the user an action is attributed to: the one it names, else the session's user. An
 * empty user id counts as no user.
 */
export function userOfAction(input: ActionContextualized): string | undefined {
  return input.action.user_id || input.session.current_user_id || undefined;
}

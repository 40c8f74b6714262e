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
  /** Failed action results (`POST /risk/v1/action/result`) of the device and of the user. */
  failedResults?: { device: WindowCounts; user?: WindowCounts };
  /** Distinct users on this device in the last 24 hours, this action's user included. */
  deviceUserCountLastDay?: number;
  /** Distinct devices of the user in the last 24 hours, this one included. 0 without a user. */
  userDeviceCountLastDay?: number;
  /** Distinct client IPs of this device session, oldest first, at most 1,000, this one included. */
  sessionIps?: string[];
  /** Whether the action's IP country is one the user has never acted from before. */
  userNewCountry?: { country: string; knownCountries: string[] };
  /** The user's previous action with a located IP, for the travel check. */
  previousUserLocation?: UserLocation;
  /** The latest label on the device, the user and the IP, when they have one. */
  labels?: Partial<Record<LabelTarget, ReputationLabel>>;
}

/** Place and time of a user's action. */
export interface UserLocation {
  action_id: string;
  country: string;
  /** Epoch milliseconds. */
  at: number;
}

export const LABEL_TARGETS = ['device', 'user', 'ip'] as const;

/** Kind of target a label marks for the reputation signals. */
export type LabelTarget = (typeof LABEL_TARGETS)[number];

/** The latest label on a device, user or IP, as the reputation keys store it. */
export interface ReputationLabel {
  label: 'confirmed_fraud' | 'suspected_fraud' | 'confirmed_legit' | 'undetermined';
  label_id: string;
  labelled_at: string;
}

/** Facts about the action found before its history is read. */
export interface ActionFacts {
  /** IP country from the offline geolocation database. */
  country?: string;
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
  recordAndRead(
    input: ActionContextualized,
    at: Date,
    tenantId?: string,
    facts?: ActionFacts,
  ): Promise<ActionHistory>;
}

/**
 * Returns the user an action is attributed to: the one it names, else the session's user. An
 * empty user id counts as no user.
 */
export function userOfAction(input: ActionContextualized): string | undefined {
  return input.action.user_id || input.session.current_user_id || undefined;
}

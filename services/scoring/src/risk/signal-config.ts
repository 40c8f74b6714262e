import { VelocityLimit } from './risk-config';

/** A count limit: a count of at least `atLeast` raises the signal with `weight`. */
export interface CountLimit {
  atLeast: number;
  weight: number;
}

/** Weights of a fraud label on one target, by label. */
export interface LabelWeights {
  confirmedFraud: number;
  suspectedFraud: number;
}

/** Weights and limits of the device, behaviour, history and reputation signals. */
export interface ExtendedSignalConfig {
  /** The user agent names an OS that the reported platform, touch support or screen contradicts. */
  userAgentDeviceMismatch: { weight: number };
  /** The device's time zone is used by none of the zones of the IP's country. */
  timezoneCountryMismatch: { weight: number };
  /** The SDK reported private or incognito browsing. */
  privateBrowsing: { weight: number };
  /** The device session used more than one client IP. */
  sessionIpChange: { weight: number; weightWhenCountryChanged: number };
  /** Something was pasted and no key was pressed. */
  pasteWithoutTyping: { weight: number };
  /**
   * Key presses faster or more even than people type: a mean interval below
   * `maxMeanIntervalMs`, or a standard deviation below `maxIntervalStdevMs`, over at least
   * `minKeyPresses` presses.
   */
  roboticTyping: {
    weight: number;
    maxMeanIntervalMs: number;
    maxIntervalStdevMs: number;
    minKeyPresses: number;
  };
  /** Actions of the device across its sessions. */
  deviceActionVelocity: { limits: VelocityLimit[] };
  /** Failed login results of the user, and of the device; `maxActions` counts failures. */
  userFailedLogins: { limits: VelocityLimit[] };
  deviceFailedLogins: { limits: VelocityLimit[] };
  /** Action types whose failed results count as failed logins. */
  failedLoginActionTypes: string[];
  /** Distinct users on the device in the last 24 hours. */
  manyUsersOnDevice: { limits: CountLimit[] };
  /** Distinct devices of the user in the last 24 hours. */
  manyDevicesForUser: { limits: CountLimit[] };
  newCountryForUser: { weight: number };
  /**
   * Two actions of a user from countries farther apart than `minDistanceKm` at a speed above
   * `maxSpeedKmPerHour`.
   */
  impossibleTravel: { weight: number; maxSpeedKmPerHour: number; minDistanceKm: number };
  deviceLabelledFraud: LabelWeights;
  userLabelledFraud: LabelWeights;
  ipLabelledFraud: LabelWeights;
}

/**
 * Default weights. Device contradictions and fraud labels weigh most, because real browsers
 * and clean users rarely show them. Behaviour and network changes weigh little alone, because
 * password managers paste, mobile networks change addresses and SDKs may miss interactions.
 *
 * NOTE: like the other weights, these are starting values set by judgment.
 */
export const DEFAULT_EXTENDED_SIGNAL_CONFIG: ExtendedSignalConfig = {
  userAgentDeviceMismatch: { weight: 30 },
  timezoneCountryMismatch: { weight: 15 },
  privateBrowsing: { weight: 10 },
  sessionIpChange: { weight: 5, weightWhenCountryChanged: 20 },
  pasteWithoutTyping: { weight: 10 },
  roboticTyping: { weight: 25, maxMeanIntervalMs: 20, maxIntervalStdevMs: 3, minKeyPresses: 10 },
  deviceActionVelocity: {
    limits: [
      { window: 'lastMinute', maxActions: 20, weight: 30 },
      { window: 'lastHour', maxActions: 120, weight: 15 },
    ],
  },
  userFailedLogins: {
    limits: [
      { window: 'lastMinute', maxActions: 3, weight: 35 },
      { window: 'lastHour', maxActions: 5, weight: 25 },
      { window: 'lastDay', maxActions: 10, weight: 15 },
    ],
  },
  deviceFailedLogins: {
    limits: [
      { window: 'lastMinute', maxActions: 5, weight: 35 },
      { window: 'lastHour', maxActions: 10, weight: 25 },
      { window: 'lastDay', maxActions: 20, weight: 15 },
    ],
  },
  failedLoginActionTypes: ['login'],
  manyUsersOnDevice: {
    limits: [
      { atLeast: 3, weight: 20 },
      { atLeast: 5, weight: 40 },
    ],
  },
  manyDevicesForUser: {
    limits: [
      { atLeast: 4, weight: 20 },
      { atLeast: 8, weight: 35 },
    ],
  },
  newCountryForUser: { weight: 15 },
  impossibleTravel: { weight: 40, maxSpeedKmPerHour: 1000, minDistanceKm: 500 },
  deviceLabelledFraud: { confirmedFraud: 60, suspectedFraud: 30 },
  userLabelledFraud: { confirmedFraud: 60, suspectedFraud: 30 },
  ipLabelledFraud: { confirmedFraud: 40, suspectedFraud: 20 },
};

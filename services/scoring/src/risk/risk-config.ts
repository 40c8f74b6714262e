import { HistoryWindow } from './action-history';
import { DEFAULT_THRESHOLDS, RecommendationThresholds } from './recommendation';
import { DEFAULT_EXTENDED_SIGNAL_CONFIG, ExtendedSignalConfig } from './signal-config';

/** A velocity limit: more than `maxActions` in `window` raises the signal with `weight`. */
export interface VelocityLimit {
  window: HistoryWindow;
  maxActions: number;
  weight: number;
}

/**
 * Weights and thresholds of every risk signal. A weight is the signal's contribution to the
 * 0-100 risk score; a weight of 0 turns the signal off. Weights must be integers, because the
 * reasons of `recommendation.issued` carry integer weights.
 */
export interface RiskSignalConfig extends ExtendedSignalConfig {
  /** The user agent matches `isbot`: a crawler, a monitor or an HTTP library. */
  botUserAgent: { weight: number };
  /** Headless or driven browser, from the user agent or from telemetry attributes. */
  automationMarkers: { weight: number };
  /** An SDK action came without a User-Agent header, which browsers always send. */
  missingUserAgent: { weight: number };
  datacenterIp: { weight: number };
  vpnIp: { weight: number };
  torExitIp: { weight: number };
  /** Actions in the device session; the signal takes the weight of the highest limit exceeded. */
  sessionActionVelocity: { limits: VelocityLimit[] };
  /** Actions of the user across devices. */
  userActionVelocity: { limits: VelocityLimit[] };
  /** Actions from the client IP across devices and users. */
  ipActionVelocity: { limits: VelocityLimit[] };
  /** The user has used other devices before but never this one. */
  newDeviceForUser: { weight: number };
  /** Several users have been set on the device session. */
  multipleUsersOnSession: { weightForTwoUsers: number; weightForThreeOrMoreUsers: number };
  /** The browser SDK saw no pointer, click, key or touch input on the page before the action. */
  noInteractionBeforeAction: { weight: number };
}

/**
 * Default signal weights. One strong automation sign alone reaches DENY (80); network and
 * account-sharing signs need to add up to reach CHALLENGE (50). Most VPN addresses and half of
 * the Tor exits in the shipped lists also match a datacenter list, so those weights often add up.
 *
 * NOTE: the weights and velocity limits are starting values set by judgment, not fitted to
 * labelled traffic.
 */
export const DEFAULT_RISK_SIGNAL_CONFIG: RiskSignalConfig = {
  botUserAgent: { weight: 80 },
  automationMarkers: { weight: 80 },
  missingUserAgent: { weight: 30 },
  datacenterIp: { weight: 25 },
  vpnIp: { weight: 15 },
  torExitIp: { weight: 45 },
  sessionActionVelocity: {
    limits: [
      { window: 'lastMinute', maxActions: 10, weight: 35 },
      { window: 'lastHour', maxActions: 60, weight: 20 },
    ],
  },
  userActionVelocity: {
    limits: [
      { window: 'lastMinute', maxActions: 5, weight: 35 },
      { window: 'lastHour', maxActions: 30, weight: 25 },
      { window: 'lastDay', maxActions: 200, weight: 15 },
    ],
  },
  ipActionVelocity: {
    // High limits, because carrier-grade NAT and offices put many users behind one address.
    limits: [
      { window: 'lastMinute', maxActions: 30, weight: 25 },
      { window: 'lastHour', maxActions: 300, weight: 15 },
    ],
  },
  newDeviceForUser: { weight: 20 },
  multipleUsersOnSession: { weightForTwoUsers: 15, weightForThreeOrMoreUsers: 40 },
  // Below CHALLENGE alone: an app may trigger an action, such as a page view, without input.
  noInteractionBeforeAction: { weight: 30 },
  ...DEFAULT_EXTENDED_SIGNAL_CONFIG,
};

/** Everything that decides a recommendation; one per tenant once tenants can tune it. */
export interface RiskConfig {
  signals: RiskSignalConfig;
  thresholds: RecommendationThresholds;
}

export const DEFAULT_RISK_CONFIG: RiskConfig = {
  signals: DEFAULT_RISK_SIGNAL_CONFIG,
  thresholds: DEFAULT_THRESHOLDS,
};

import { ActionContextualized } from '@vigil/contracts';
import { ActionHistory } from './action-history';
import { IpAsnDatabase } from './geo/ip-asn-database';
import { IpGeolocation } from './geo/ip-geolocation';
import { TimeZoneTable } from './geo/time-zones';
import { IpReputation } from './ip-reputation';
import { RiskSignalConfig } from './risk-config';
import { RiskSignal, RiskSignalRule, SignalContext, UserAgentObservation } from './risk-signal';
import { noInteractionBeforeActionSignal } from './signals/behaviour.signal';
import {
  privateBrowsingSignal,
  timezoneCountryMismatchSignal,
  userAgentDeviceMismatchSignal,
} from './signals/device.signal';
import {
  deviceFailedLoginsSignal,
  impossibleTravelSignal,
  manyDevicesForUserSignal,
  manyUsersOnDeviceSignal,
  newCountryForUserSignal,
  sessionIpChangeSignal,
  userFailedLoginsSignal,
} from './signals/history.signal';
import { pasteWithoutTypingSignal, roboticTypingSignal } from './signals/typing.signal';
import { datacenterIpSignal, torExitIpSignal, vpnIpSignal } from './signals/network.signal';
import {
  automationMarkersSignal,
  botUserAgentSignal,
  missingUserAgentSignal,
} from './signals/user-agent.signal';
import { multipleUsersOnSessionSignal, newDeviceForUserSignal } from './signals/user.signal';
import {
  deviceLabelledFraudSignal,
  ipLabelledFraudSignal,
  userLabelledFraudSignal,
} from './signals/reputation.signal';
import {
  deviceActionVelocitySignal,
  ipActionVelocitySignal,
  sessionActionVelocitySignal,
  userActionVelocitySignal,
} from './signals/velocity.signal';
import { inspectUserAgent } from './user-agent';

export * from './risk-signal';

/** Every risk signal check, in the order their signals are listed before sorting by weight. */
export const RISK_SIGNAL_RULES: readonly RiskSignalRule[] = [
  botUserAgentSignal,
  automationMarkersSignal,
  missingUserAgentSignal,
  datacenterIpSignal,
  vpnIpSignal,
  torExitIpSignal,
  sessionActionVelocitySignal,
  userActionVelocitySignal,
  ipActionVelocitySignal,
  newDeviceForUserSignal,
  multipleUsersOnSessionSignal,
  noInteractionBeforeActionSignal,
  userAgentDeviceMismatchSignal,
  timezoneCountryMismatchSignal,
  privateBrowsingSignal,
  sessionIpChangeSignal,
  pasteWithoutTypingSignal,
  roboticTypingSignal,
  deviceActionVelocitySignal,
  userFailedLoginsSignal,
  deviceFailedLoginsSignal,
  manyUsersOnDeviceSignal,
  manyDevicesForUserSignal,
  newCountryForUserSignal,
  impossibleTravelSignal,
  deviceLabelledFraudSignal,
  userLabelledFraudSignal,
  ipLabelledFraudSignal,
];

/** Geolocation and ASN databases and time zone table of the network signals, optional in tests. */
export interface GeoContext {
  geolocation?: IpGeolocation;
  asnDatabase?: IpAsnDatabase;
  timeZones?: TimeZoneTable;
  /** Time of the action; defaults to the current time. */
  at?: Date;
}

/** Runs every rule of `RISK_SIGNAL_RULES` and returns the signals raised. */
export function evaluateSignals(context: SignalContext): RiskSignal[] {
  return RISK_SIGNAL_RULES.map((rule) => rule(context)).filter(
    (signal): signal is RiskSignal => signal !== undefined,
  );
}

/** Gathers what the signals look at: the IP lists' verdict and the user-agent findings. */
export function buildSignalContext(
  input: ActionContextualized,
  history: ActionHistory,
  ipReputation: IpReputation,
  config: RiskSignalConfig,
  geo: GeoContext = {},
): SignalContext {
  const ip = input.action.client.ip;
  const { geolocation, asnDatabase } = geo;

  return {
    input,
    history,
    ipReputation: ip ? ipReputation.lookup(ip) : {},
    userAgents: observeUserAgents(input),
    config,
    ipLocation: ip ? geolocation?.lookup(ip) : undefined,
    timeZones: geo.timeZones,
    at: geo.at ?? new Date(),
    locate: geolocation && ((address: string) => geolocation.lookup(address)?.country),
    ipAsn: ip ? asnDatabase?.lookup(ip) : undefined,
    asnOf: asnDatabase && ((address: string) => asnDatabase.lookup(address)?.asn),
  };
}

/**
 * Inspects the action's User-Agent header and the user agent the SDK read on the device, when
 * it is present and differs from the header.
 */
export function observeUserAgents(input: ActionContextualized): UserAgentObservation[] {
  const clientUserAgent = input.action.client.user_agent?.trim();
  const deviceAttribute = input.session.device_attributes?.user_agent;
  const deviceUserAgent = typeof deviceAttribute === 'string' ? deviceAttribute.trim() : '';
  const observations: UserAgentObservation[] = [];
  if (clientUserAgent) {
    observations.push(observe('client', clientUserAgent));
  }
  if (deviceUserAgent !== '' && deviceUserAgent !== clientUserAgent) {
    observations.push(observe('device_attributes', deviceUserAgent));
  }

  return observations;
}

function observe(source: UserAgentObservation['source'], userAgent: string): UserAgentObservation {
  return { source, user_agent: userAgent, findings: inspectUserAgent(userAgent) };
}

import { ActionContextualized } from '@vigil/contracts';
import { ActionHistory } from './action-history';
import { IpAsn } from './geo/ip-asn-database';
import { IpLocation } from './geo/ip-geolocation';
import { TimeZoneTable } from './geo/time-zones';
import { IpReputationMatch } from './ip-reputation';
import { RiskSignalConfig } from './risk-config';
import { UserAgentFindings } from './user-agent';

/** Reason codes of the risk signals; each one is stable once published in a recommendation. */
export type RiskSignalCode =
  | 'BOT_USER_AGENT'
  | 'AUTOMATION_MARKERS'
  | 'MISSING_USER_AGENT'
  | 'DATACENTER_IP'
  | 'VPN_IP'
  | 'TOR_EXIT_IP'
  | 'SESSION_ACTION_VELOCITY'
  | 'USER_ACTION_VELOCITY'
  | 'IP_ACTION_VELOCITY'
  | 'NEW_DEVICE_FOR_USER'
  | 'MULTIPLE_USERS_ON_SESSION'
  | 'USER_AGENT_DEVICE_MISMATCH'
  | 'TIMEZONE_COUNTRY_MISMATCH'
  | 'PRIVATE_BROWSING'
  | 'SESSION_IP_CHANGE'
  | 'NO_INTERACTION_BEFORE_ACTION'
  | 'PASTE_WITHOUT_TYPING'
  | 'ROBOTIC_TYPING'
  | 'DEVICE_ACTION_VELOCITY'
  | 'USER_FAILED_LOGINS'
  | 'DEVICE_FAILED_LOGINS'
  | 'MANY_USERS_ON_DEVICE'
  | 'MANY_DEVICES_FOR_USER'
  | 'NEW_COUNTRY_FOR_USER'
  | 'IMPOSSIBLE_TRAVEL'
  | 'DEVICE_LABELLED_FRAUD'
  | 'USER_LABELLED_FRAUD'
  | 'IP_LABELLED_FRAUD';

/** One reason to doubt an action, with its contribution to the risk score and what it saw. */
export interface RiskSignal {
  code: RiskSignalCode;
  /** Contribution to the 0-100 risk score; an integer above 0. */
  weight: number;
  /** Values, counts and list entries that raised the signal; snake_case keys, JSON-safe. */
  evidence: Record<string, unknown>;
}

/** Origin of a user agent: the action's HTTP client, or the SDK's device telemetry. */
export type UserAgentSource = 'client' | 'device_attributes';

/** A user agent seen for the action, with what the bot and automation checks found in it. */
export interface UserAgentObservation {
  source: UserAgentSource;
  user_agent: string;
  findings: UserAgentFindings;
}

/** Everything a signal may look at; built once per action. */
export interface SignalContext {
  input: ActionContextualized;
  history: ActionHistory;
  /** Lists that hold `input.action.client.ip`; empty without a client IP. */
  ipReputation: IpReputationMatch;
  userAgents: UserAgentObservation[];
  config: RiskSignalConfig;
  /** Country of the client IP; absent without an IP or when the database has no entry. */
  ipLocation?: IpLocation;
  /** Time zones per country; the time zone and travel signals are skipped without it. */
  timeZones?: TimeZoneTable;
  /** Time of the action, for time zone offsets and travel speed. */
  at: Date;
  /** Returns the country of any IP, for the session's other IPs. */
  locate?: (ip: string) => string | undefined;
  /** ASN and organisation of the client IP, absent without an IP or an ASN database entry. */
  ipAsn?: IpAsn;
  /** Returns the ASN of any IP, for the session's other IPs. */
  asnOf?: (ip: string) => number | undefined;
}

/** A risk signal check: returns the signal when it applies, else undefined. */
export type RiskSignalRule = (context: SignalContext) => RiskSignal | undefined;

/** Builds a signal, or returns undefined when its configured weight is 0 (signal turned off). */
export function riskSignal(
  code: RiskSignalCode,
  weight: number,
  evidence: Record<string, unknown>,
): RiskSignal | undefined {
  return weight > 0 ? { code, weight, evidence } : undefined;
}

import { ActionContextualized } from '@vigil/contracts';
import { ActionHistory } from './action-history';
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
  | 'NO_INTERACTION_BEFORE_ACTION';

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

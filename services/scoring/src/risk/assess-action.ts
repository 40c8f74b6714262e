import { ActionContextualized } from '@vigil/contracts';
import { ActionHistoryStore } from './action-history';
import { defaultAsnDatabase, defaultGeolocation, defaultTimeZones } from './geo/default-geo';
import { IpAsnDatabase } from './geo/ip-asn-database';
import { IpGeolocation } from './geo/ip-geolocation';
import { TimeZoneTable } from './geo/time-zones';
import { IpReputation } from './ip-reputation';
import { decideRecommendation, Recommendation } from './recommendation';
import { DEFAULT_RISK_CONFIG, RiskConfig } from './risk-config';
import { RiskSignal } from './risk-signal';
import { buildSignalContext, evaluateSignals } from './signals';

/** Dependencies of `assessAction`. */
export interface AssessActionDependencies {
  history: ActionHistoryStore;
  ipReputation: IpReputation;
  /** Tenant of the action event (envelope `tenant_id`), which scopes the action history. */
  tenantId?: string;
  /**
   * Time of the action; defaults to the current time. Pass the action event's time so that a
   * late event is counted in the windows it belongs to.
   */
  now?: Date;
  config?: RiskConfig;
  /** IP-to-country database; defaults to the one of the installed package, loaded once. */
  geolocation?: IpGeolocation;
  /** Time zones per country; defaults to the shipped `zone.tab`, loaded once. */
  timeZones?: TimeZoneTable;
  /** IP-to-ASN database; defaults to the one of the installed package, loaded once. */
  asnDatabase?: IpAsnDatabase;
}

/** The recommendation for one action and every signal raised on the way. */
export interface ActionAssessment {
  recommendation: Recommendation;
  signals: RiskSignal[];
}

/**
 * Scores one action: records it in the action history, runs every risk signal on it and decides
 * the recommendation. Recording is idempotent by action id, so a replayed action event is not
 * counted twice.
 *
 * @throws whatever `deps.history` throws, such as a Redis connection error.
 */
export async function assessAction(
  input: ActionContextualized,
  deps: AssessActionDependencies,
): Promise<ActionAssessment> {
  const config = deps.config ?? DEFAULT_RISK_CONFIG;
  const at = deps.now ?? new Date();
  const geolocation = deps.geolocation ?? defaultGeolocation();
  const ip = input.action.client.ip;
  const country = ip ? geolocation.lookup(ip)?.country : undefined;
  const history = await deps.history.recordAndRead(input, at, deps.tenantId, { country });

  const timeZones = deps.timeZones ?? defaultTimeZones();
  const asnDatabase = deps.asnDatabase ?? defaultAsnDatabase();
  const geo = { geolocation, asnDatabase, timeZones, at };
  const context = buildSignalContext(input, history, deps.ipReputation, config.signals, geo);
  const signals = evaluateSignals(context);
  const recommendation = decideRecommendation(signals, history, config.thresholds);

  return { recommendation, signals };
}

import { ActionContextualized } from '@vigil/contracts';
import { ActionHistory } from '../action-history';
import { defaultAsnDatabase, defaultGeolocation, defaultTimeZones } from '../geo/default-geo';
import { defaultIpReputationDirectory, IpReputation } from '../ip-reputation';
import { DEFAULT_RISK_SIGNAL_CONFIG } from '../risk-config';
import { RiskSignal, RiskSignalCode } from '../risk-signal';
import { buildSignalContext, evaluateSignals } from '../signals';
import { historyOf } from './risk-builders';

/** Time of the actions the signal specs score: a summer day, so offsets include daylight saving. */
export const SIGNAL_TEST_TIME = new Date('2024-08-20T12:00:00.000Z');

let ipReputation: IpReputation | undefined;

/** Runs every signal with the shipped lists, geolocation, ASNs and time zones; returns those raised. */
export function signalsOf(
  input: ActionContextualized,
  history: ActionHistory = historyOf(),
): RiskSignal[] {
  ipReputation ??= IpReputation.loadFromDirectory(defaultIpReputationDirectory());
  const geo = {
    geolocation: defaultGeolocation(),
    asnDatabase: defaultAsnDatabase(),
    timeZones: defaultTimeZones(),
    at: SIGNAL_TEST_TIME,
  };

  return evaluateSignals(
    buildSignalContext(input, history, ipReputation, DEFAULT_RISK_SIGNAL_CONFIG, geo),
  );
}

/** Returns the signal with `code`, or undefined when it was not raised. */
export function signalOf(
  code: RiskSignalCode,
  input: ActionContextualized,
  history?: ActionHistory,
): RiskSignal | undefined {
  return signalsOf(input, history).find((signal) => signal.code === code);
}

/** Returns an address of the Tor snapshot located in `country`. */
export function torExitIn(country: string, addresses: string[]): string {
  const found = addresses.find(
    (address) => defaultGeolocation().lookup(address)?.country === country,
  );
  if (found === undefined) {
    throw new Error(`No Tor exit located in ${country} in the snapshot`);
  }

  return found;
}

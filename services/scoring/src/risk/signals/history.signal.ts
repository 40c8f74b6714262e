import { CountLimit } from '../signal-config';
import { riskSignal, RiskSignal, RiskSignalCode, SignalContext } from '../risk-signal';
import { velocitySignal } from './velocity.signal';

/** USER_FAILED_LOGINS: many failed login results of this user, on any device. */
export function userFailedLoginsSignal(context: SignalContext): RiskSignal | undefined {
  const counts = context.history.failedResults?.user;
  const { limits } = context.config.userFailedLogins;

  return counts && velocitySignal('USER_FAILED_LOGINS', counts, limits);
}

/** DEVICE_FAILED_LOGINS: many failed login results on this device, for any user. */
export function deviceFailedLoginsSignal(context: SignalContext): RiskSignal | undefined {
  const counts = context.history.failedResults?.device;
  const { limits } = context.config.deviceFailedLogins;

  return counts && velocitySignal('DEVICE_FAILED_LOGINS', counts, limits);
}

/** MANY_USERS_ON_DEVICE: many distinct users acted on this device in the last 24 hours. */
export function manyUsersOnDeviceSignal(context: SignalContext): RiskSignal | undefined {
  const count = context.history.deviceUserCountLastDay ?? 0;

  return countSignal('MANY_USERS_ON_DEVICE', count, context.config.manyUsersOnDevice.limits, {
    device_id: context.input.action.device_id,
    distinct_users_last_day: count,
  });
}

/** MANY_DEVICES_FOR_USER: the user acted on many distinct devices in the last 24 hours. */
export function manyDevicesForUserSignal(context: SignalContext): RiskSignal | undefined {
  const count = context.history.userDeviceCountLastDay ?? 0;

  return countSignal('MANY_DEVICES_FOR_USER', count, context.config.manyDevicesForUser.limits, {
    distinct_devices_last_day: count,
  });
}

/** NEW_COUNTRY_FOR_USER: the IP's country is one the user never acted from before. */
export function newCountryForUserSignal(context: SignalContext): RiskSignal | undefined {
  const found = context.history.userNewCountry;
  if (found === undefined || found.knownCountries.length === 0) {
    return undefined;
  }

  return riskSignal('NEW_COUNTRY_FOR_USER', context.config.newCountryForUser.weight, {
    ip: context.input.action.client.ip,
    country: found.country,
    known_countries: found.knownCountries,
  });
}

/**
 * IMPOSSIBLE_TRAVEL: the user's previous action came from a country so far away that reaching
 * this one in the time between needs a speed above the limit. Distances run between the nearest
 * reference cities of the two countries, so the check works at country precision and errs
 * towards raising nothing.
 */
export function impossibleTravelSignal(context: SignalContext): RiskSignal | undefined {
  const previous = context.history.previousUserLocation;
  const country = context.ipLocation?.country;
  const { weight, maxSpeedKmPerHour, minDistanceKm } = context.config.impossibleTravel;
  if (!previous || !country || !context.timeZones || previous.country === country) {
    return undefined;
  }
  const distanceKm = context.timeZones.distanceKm(previous.country, country);
  const hours = Math.max(context.at.getTime() - previous.at, 1) / 3_600_000;
  if (distanceKm === undefined || distanceKm < minDistanceKm) {
    return undefined;
  }
  const speedKmPerHour = distanceKm / hours;
  if (speedKmPerHour <= maxSpeedKmPerHour) {
    return undefined;
  }

  return riskSignal('IMPOSSIBLE_TRAVEL', weight, {
    previous_action_id: previous.action_id,
    previous_country: previous.country,
    country,
    distance_km: Math.round(distanceKm),
    minutes_between: Math.round(hours * 60),
    speed_km_per_hour: Math.round(speedKmPerHour),
    max_speed_km_per_hour: maxSpeedKmPerHour,
  });
}

/** Most session IPs the evidence lists; the count covers all of them. */
const MAX_LISTED_IPS = 20;

/** SESSION_IP_CHANGE: this device session has acted from more than one client IP. */
export function sessionIpChangeSignal(context: SignalContext): RiskSignal | undefined {
  const ips = context.history.sessionIps ?? [];
  if (ips.length < 2) {
    return undefined;
  }
  const { weight, weightWhenCountryChanged } = context.config.sessionIpChange;
  const countries = [...new Set(ips.map((ip) => context.locate?.(ip) ?? 'unknown'))];
  const countryChanged = countries.filter((country) => country !== 'unknown').length > 1;
  const evidence: Record<string, unknown> = {
    session_ip_count: ips.length,
    session_ips: ips.slice(-MAX_LISTED_IPS),
    countries,
  };
  if (context.asnOf !== undefined) {
    evidence.asns = [...new Set(ips.map((ip) => context.asnOf?.(ip) ?? 'unknown'))];
  }

  return riskSignal(
    'SESSION_IP_CHANGE',
    countryChanged ? weightWhenCountryChanged : weight,
    evidence,
  );
}

function countSignal(
  code: RiskSignalCode,
  count: number,
  limits: CountLimit[],
  evidence: Record<string, unknown>,
): RiskSignal | undefined {
  const reached = limits.filter((limit) => count >= limit.atLeast);
  if (reached.length === 0) {
    return undefined;
  }
  const weight = Math.max(...reached.map((limit) => limit.weight));

  return riskSignal(code, weight, {
    ...evidence,
    at_least: Math.max(...reached.map((l) => l.atLeast)),
  });
}

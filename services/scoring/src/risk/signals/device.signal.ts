import {
  DEVICE_ATTRIBUTE_KEYS,
  numberAttribute,
  stringAttribute,
  trueAttribute,
} from '../device-attributes';
import { findDeviceContradictions } from '../device-consistency';
import { riskSignal, RiskSignal, SignalContext } from '../risk-signal';

/**
 * USER_AGENT_DEVICE_MISMATCH: the user agent names an OS that the platform, touch support or
 * screen width reported by the SDK contradicts, as when a desktop browser poses as a phone.
 */
export function userAgentDeviceMismatchSignal(context: SignalContext): RiskSignal | undefined {
  const attributes = context.input.session.device_attributes;
  const reported = {
    platform: stringAttribute(attributes, DEVICE_ATTRIBUTE_KEYS.platform),
    touchPoints: numberAttribute(attributes, DEVICE_ATTRIBUTE_KEYS.touchPoints),
    screenWidth: numberAttribute(attributes, DEVICE_ATTRIBUTE_KEYS.screenWidth),
  };
  const contradictions = context.userAgents.flatMap((observed) =>
    findDeviceContradictions(observed.user_agent, reported).map((found) => ({
      ...found,
      source: observed.source,
      user_agent: observed.user_agent,
    })),
  );
  if (contradictions.length === 0) {
    return undefined;
  }

  return riskSignal('USER_AGENT_DEVICE_MISMATCH', context.config.userAgentDeviceMismatch.weight, {
    contradictions,
  });
}

/**
 * TIMEZONE_COUNTRY_MISMATCH: none of the time zones of the IP's country has the UTC offset of
 * the device's time zone at the time of the action. Offsets, not zone names, are compared, so
 * aliases such as `Asia/Calcutta` and zones shared by neighbours raise nothing.
 */
export function timezoneCountryMismatchSignal(context: SignalContext): RiskSignal | undefined {
  const { timeZones, ipLocation, at } = context;
  const offset = deviceUtcOffset(context);
  if (!timeZones || !ipLocation || offset === undefined) {
    return undefined;
  }
  const countryOffsets = timeZones.offsetsOf(ipLocation.country, at);
  if (countryOffsets.length === 0 || countryOffsets.includes(offset.minutes)) {
    return undefined;
  }

  return riskSignal('TIMEZONE_COUNTRY_MISMATCH', context.config.timezoneCountryMismatch.weight, {
    ip: context.input.action.client.ip,
    ip_country: ipLocation.country,
    country_utc_offsets_minutes: countryOffsets,
    device_utc_offset_minutes: offset.minutes,
    device_time_zone: offset.zone ?? null,
  });
}

/** Returns the device's UTC offset in minutes east of UTC, from its zone name or its offset. */
function deviceUtcOffset(context: SignalContext): { minutes: number; zone?: string } | undefined {
  const attributes = context.input.session.device_attributes;
  const zone = stringAttribute(attributes, DEVICE_ATTRIBUTE_KEYS.timeZone);
  const fromZone =
    zone === undefined ? undefined : context.timeZones?.offsetOfZone(zone, context.at);
  if (fromZone !== undefined) {
    return { minutes: fromZone, zone };
  }
  const reported = numberAttribute(attributes, DEVICE_ATTRIBUTE_KEYS.timezoneOffset);

  // getTimezoneOffset() is positive west of UTC; `+ 0` turns -0 into 0.
  return reported === undefined ? undefined : { minutes: -reported + 0 };
}

/** PRIVATE_BROWSING: the SDK reported a private or incognito window. */
export function privateBrowsingSignal(context: SignalContext): RiskSignal | undefined {
  const attributes = context.input.session.device_attributes;
  const key = trueAttribute(attributes, DEVICE_ATTRIBUTE_KEYS.privateBrowsing);

  return key === undefined
    ? undefined
    : riskSignal('PRIVATE_BROWSING', context.config.privateBrowsing.weight, { attribute: key });
}

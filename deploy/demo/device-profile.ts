import { AttributeMap } from '@vigil/client';
import { RbaLogin } from './rba-dataset';

/** Type of the telemetry event that carries a device's attributes. */
export const DEVICE_PROFILE_EVENT = 'device_profile';

/**
 * Returns the device attributes of a row, as the SDK would collect them: device type, browser and OS as
 * parsed from the user agent, and the round-trip time when the data set has one. Empty values are
 * left out.
 */
export function deviceProfileOf(row: RbaLogin): { deviceTimeMs: number; attributes: AttributeMap } {
  const attributes: AttributeMap = {};
  const values: Array<[string, string]> = [
    ['device_type', row.deviceType],
    ['browser', row.browser],
    ['os', row.os],
  ];
  for (const [key, value] of values) {
    if (value !== '') {
      attributes[key] = value;
    }
  }
  if (row.rttMs !== undefined) {
    attributes.rtt_ms = row.rttMs;
  }

  return { deviceTimeMs: row.timeMs, attributes };
}

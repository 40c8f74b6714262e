import { AttributeMap, AttributeValue } from '@vigil/contracts';

/**
 * Telemetry attributes the signals read, as the SDK names them. The session service merges every
 * telemetry event's attributes into the session's `device_attributes`, latest value first.
 */
export const DEVICE_ATTRIBUTE_KEYS = {
  platform: 'platform',
  screenWidth: 'screen_width',
  screenHeight: 'screen_height',
  timezone: 'timezone',
  /** Minutes as `Date.prototype.getTimezoneOffset` returns them: positive west of UTC. */
  timezoneOffset: 'timezone_offset',
  touchPoints: 'touch_points',
  privateBrowsing: ['private_browsing', 'incognito'],
} as const;

/** Counters of `interaction_summary` events; each one counts since the page loaded. */
export const INTERACTION_COUNTER_KEYS = [
  'pointer_moves',
  'clicks',
  'keys',
  'touches',
  'scrolls',
  'paste_count',
  'focus_changes',
] as const;

export type InteractionCounter = (typeof INTERACTION_COUNTER_KEYS)[number];

/** Mean time between key presses in milliseconds, when the SDK reports it. */
export const KEY_INTERVAL_KEY = 'key_interval_mean_ms';

export function stringAttribute(
  attributes: AttributeMap | undefined,
  key: string,
): string | undefined {
  const value = attributes?.[key];

  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

export function numberAttribute(
  attributes: AttributeMap | undefined,
  key: string,
): number | undefined {
  const value: AttributeValue | undefined = attributes?.[key];
  if (typeof value === 'number' && Number.isFinite(value)) {
    return value;
  }
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) {
    return Number(value);
  }

  return undefined;
}

/** Returns true for `true`, `'true'` and `1`, false for their opposites, else undefined. */
export function booleanAttribute(
  attributes: AttributeMap | undefined,
  key: string,
): boolean | undefined {
  const value = attributes?.[key];
  if (value === true || value === 'true' || value === 1) {
    return true;
  }
  if (value === false || value === 'false' || value === 0) {
    return false;
  }

  return undefined;
}

/** Returns the interaction counters present in the attributes; empty when the SDK sent none. */
export function interactionCounters(
  attributes: AttributeMap | undefined,
): Partial<Record<InteractionCounter, number>> {
  const counters: Partial<Record<InteractionCounter, number>> = {};
  for (const key of INTERACTION_COUNTER_KEYS) {
    const value = numberAttribute(attributes, key);
    if (value !== undefined) {
      counters[key] = value;
    }
  }

  return counters;
}

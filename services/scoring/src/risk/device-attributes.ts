import { ActionContextualized, AttributeMap, AttributeValue } from '@vigil/contracts';

/**
 * Telemetry attributes the device signals read. The session service merges every telemetry
 * event's attributes into the session's `device_attributes`, the latest value of a key winning.
 * Each entry lists the browser SDK's name first, then other names clients may send.
 */
export const DEVICE_ATTRIBUTE_KEYS = {
  platform: ['platform'],
  screenWidth: ['screen_width'],
  timeZone: ['time_zone', 'timezone'],
  /** Minutes as `Date.prototype.getTimezoneOffset` returns them: positive west of UTC. */
  timezoneOffset: ['timezone_offset_minutes', 'timezone_offset'],
  touchPoints: ['max_touch_points', 'touch_points'],
  privateBrowsing: ['private_browsing', 'incognito'],
} as const;

/**
 * Typing statistics the browser SDK sends: on each action as custom attributes with the prefix
 * `vigil_`, and in `interaction_summary` telemetry with the prefix `interaction_`. Both count
 * since the page loaded.
 */
export interface TypingStatistics {
  source: 'action' | 'telemetry';
  key_presses?: number;
  pastes?: number;
  key_interval_mean_ms?: number;
  key_interval_stdev_ms?: number;
}

const TYPING_KEYS = ['key_presses', 'pastes', 'key_interval_mean_ms', 'key_interval_stdev_ms'];

/** Returns the first of `keys` that contains a non-blank string. */
export function stringAttribute(
  attributes: AttributeMap | undefined,
  keys: readonly string[],
): string | undefined {
  for (const key of keys) {
    const value = attributes?.[key];
    if (typeof value === 'string' && value.trim() !== '') {
      return value.trim();
    }
  }

  return undefined;
}

/** Returns the first of `keys` that contains a finite number, or a string of one. */
export function numberAttribute(
  attributes: AttributeMap | undefined,
  keys: readonly string[],
): number | undefined {
  for (const key of keys) {
    const value: AttributeValue | undefined = attributes?.[key];
    if (typeof value === 'number' && Number.isFinite(value)) {
      return value;
    }
    if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) {
      return Number(value);
    }
  }

  return undefined;
}

/** Returns the first of `keys` that contains `true`, `'true'` or `1`, or undefined. */
export function trueAttribute(
  attributes: AttributeMap | undefined,
  keys: readonly string[],
): string | undefined {
  return keys.find((key) => {
    const value = attributes?.[key];

    return value === true || value === 'true' || value === 1;
  });
}

/**
 * Returns the typing statistics of an action: those the action carries, else those of the
 * session's telemetry, else undefined when the client sent none.
 */
export function typingStatisticsOf(input: ActionContextualized): TypingStatistics | undefined {
  const fromAction = readTyping(input.action.custom_attributes, 'vigil_', 'action');

  return fromAction ?? readTyping(input.session.device_attributes, 'interaction_', 'telemetry');
}

function readTyping(
  attributes: AttributeMap | undefined,
  prefix: string,
  source: TypingStatistics['source'],
): TypingStatistics | undefined {
  const statistics: TypingStatistics = { source };
  let found = false;
  for (const key of TYPING_KEYS) {
    const value = numberAttribute(attributes, [prefix + key]);
    if (value !== undefined) {
      statistics[key as keyof Omit<TypingStatistics, 'source'>] = value;
      found = true;
    }
  }

  return found ? statistics : undefined;
}

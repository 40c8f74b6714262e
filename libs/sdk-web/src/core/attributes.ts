/** A telemetry attribute value: the gateway accepts only flat maps of these. */
export type AttributeValue = string | number | boolean | null;
export type AttributeMap = Record<string, AttributeValue>;

/** Key rule of the gateway: letters, digits, `_` and `-`, at most 64 characters. */
export const ATTRIBUTE_KEY_PATTERN = /^[A-Za-z_][A-Za-z0-9_-]{0,63}$/;
export const ATTRIBUTE_MAX_KEYS = 64;
export const ATTRIBUTE_VALUE_MAX_LENGTH = 1024;

/**
 * Returns a copy of `attributes` that the gateway accepts. Keys that break the key rule and
 * undefined or non-scalar values are left out. Non-finite numbers become null, strings are cut to
 * 1024 characters, and only the first 64 keys are kept.
 */
export function toAttributeMap(attributes: Record<string, unknown>): AttributeMap {
  const result: AttributeMap = {};
  let count = 0;
  for (const [key, value] of Object.entries(attributes)) {
    const scalar = toScalar(value);
    if (scalar === undefined || !ATTRIBUTE_KEY_PATTERN.test(key) || count >= ATTRIBUTE_MAX_KEYS) {
      continue;
    }
    result[key] = scalar;
    count += 1;
  }

  return result;
}

function toScalar(value: unknown): AttributeValue | undefined {
  if (value === null || typeof value === 'boolean') {
    return value;
  }
  if (typeof value === 'number') {
    return Number.isFinite(value) ? value : null;
  }
  if (typeof value === 'string') {
    return value.replace(/\u0000/g, '').slice(0, ATTRIBUTE_VALUE_MAX_LENGTH);
  }

  return undefined;
}

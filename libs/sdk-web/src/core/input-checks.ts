import {
  ATTRIBUTE_KEY_PATTERN,
  ATTRIBUTE_MAX_KEYS,
  AttributeMap,
  toAttributeMap,
} from './attributes';
import { ActionEventOptions, InitializeOptions } from './sdk.types';
import { VigilSdkError } from './sdk.error';

const ACTION_TYPE_PATTERN = /^[a-z][a-z0-9_]{0,63}$/;

/** Prefix of the attributes the SDK adds to every action event. */
export const SDK_ATTRIBUTE_PREFIX = 'vigil_';

/** Keys the SDK adds to an action's custom attributes; the app may use the rest of the 64. */
export const SDK_ACTION_ATTRIBUTE_COUNT = 11;

export function checkInitializeOptions(options: InitializeOptions | undefined): void {
  if (!options || typeof options.clientId !== 'string' || options.clientId.trim() === '') {
    throw invalid('initialize needs options.clientId, the public client id of the application');
  }
  if (typeof options.serverUrl !== 'string' || !/^https?:\/\/[^/\s]+/.test(options.serverUrl)) {
    throw invalid(
      `initialize needs options.serverUrl as an http(s) URL of the Vigil gateway, got ${JSON.stringify(options.serverUrl)}`,
    );
  }
  checkTelemetryOptions(options.telemetry ?? {});
}

function checkTelemetryOptions(telemetry: NonNullable<InitializeOptions['telemetry']>): void {
  const limits: Record<string, [number, number]> = {
    batchSize: [1, 100],
    flushIntervalMs: [0, 3_600_000],
    maxQueuedEvents: [1, 100_000],
  };
  for (const [name, [min, max]] of Object.entries(limits)) {
    const value = telemetry[name as keyof typeof telemetry];
    if (value !== undefined && !(Number.isInteger(value) && value >= min && value <= max)) {
      throw invalid(`telemetry.${name} must be an integer from ${min} to ${max}, got ${value}`);
    }
  }
}

export function checkActionType(actionType: unknown): void {
  if (typeof actionType !== 'string' || !ACTION_TYPE_PATTERN.test(actionType)) {
    throw invalid(
      `actionType ${JSON.stringify(actionType)} is invalid: use lower case letters, digits and _, such as "login"`,
    );
  }
}

/** Checks the app's custom attributes and returns them as an attribute map. */
export function checkCustomAttributes(
  attributes: ActionEventOptions['customAttributes'],
): AttributeMap {
  if (attributes === undefined) {
    return {};
  }
  if (typeof attributes !== 'object' || attributes === null || Array.isArray(attributes)) {
    throw invalid('customAttributes must be an object of string, number, boolean or null values');
  }
  const keys = Object.keys(attributes);
  const limit = ATTRIBUTE_MAX_KEYS - SDK_ACTION_ATTRIBUTE_COUNT;
  if (keys.length > limit) {
    throw invalid(`customAttributes has ${keys.length} keys; at most ${limit} are allowed`);
  }
  for (const key of keys) {
    if (!ATTRIBUTE_KEY_PATTERN.test(key) || key.startsWith(SDK_ATTRIBUTE_PREFIX)) {
      throw invalid(
        `customAttributes key ${JSON.stringify(key)} is invalid: match ${ATTRIBUTE_KEY_PATTERN.source} and do not start with ${SDK_ATTRIBUTE_PREFIX}`,
      );
    }
    const value: unknown = attributes[key];
    if (value !== null && !['string', 'number', 'boolean'].includes(typeof value)) {
      throw invalid(`customAttributes.${key} must be a string, number, boolean or null`);
    }
  }

  return toAttributeMap(attributes);
}

export function checkUserId(userId: unknown): string {
  if (typeof userId !== 'string' || userId.trim() === '' || userId.length > 256) {
    throw invalid('userId must be a non-blank string of at most 256 characters');
  }

  return userId;
}

function invalid(message: string): VigilSdkError {
  return new VigilSdkError(message, 'invalid_argument');
}

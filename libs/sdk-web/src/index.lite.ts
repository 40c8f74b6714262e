// The lite build: everything but the FingerprintJS fingerprint and the BotD verdict.
import { createSdk } from './browser/create-sdk';

export type { VigilSdk } from './browser/create-sdk';
export type {
  ActionEventOptions,
  ActionEventResult,
  InitializeOptions,
  SessionInfo,
} from './core/sdk.types';
export { VigilSdkError } from './core/sdk.error';
export { TelemetryEventTypes } from './telemetry/event-types';

const sdk = createSdk([]);

/** Starts or resumes the device session and starts collecting telemetry. */
export const initialize = sdk.initialize;
/** Resolves to a session token the gateway accepts; needs `enableSessionToken: true`. */
export const getSessionToken = sdk.getSessionToken;
/** Reports an action event, such as a login or a payment, and resolves to its action token. */
export const triggerActionEvent = sdk.triggerActionEvent;
/** Sets the user who signed in on the device session. */
export const setAuthenticatedUser = sdk.setAuthenticatedUser;
/** Clears the device session's user, on sign-out. */
export const clearUser = sdk.clearUser;

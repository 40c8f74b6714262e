import { toSdkError, VigilSdkError } from '../core/sdk.error';
import { checkInitializeOptions } from '../core/input-checks';
import {
  ActionEventOptions,
  ActionEventResult,
  InitializeOptions,
  SessionInfo,
} from '../core/sdk.types';
import { DeviceProbe, VigilClient } from '../core/vigil-client';
import { automationAttributes, deviceAttributes } from '../telemetry/device-events';
import { TelemetryEventTypes } from '../telemetry/event-types';
import { InteractionStats } from '../telemetry/interaction-stats';
import { browserScheduler, fetchHttpClient, webStorage } from './browser-ports';
import { readAutomationFacts, readDeviceFacts } from './device-facts';
import { listenToInteractions } from './interaction-listeners';
import { watchPageLifecycle } from './page-lifecycle';

/** The SDK's public calls. Each returns a promise and never throws synchronously. */
export interface VigilSdk {
  initialize(options: InitializeOptions): Promise<SessionInfo>;
  getSessionToken(): Promise<string>;
  triggerActionEvent(actionType: string, options?: ActionEventOptions): Promise<ActionEventResult>;
  setAuthenticatedUser(userId: string): Promise<void>;
  clearUser(): Promise<void>;
}

/** Builds the SDK's calls around one client per page, with the given slow device probes. */
export function createSdk(probes: DeviceProbe[]): VigilSdk {
  let client: VigilClient | undefined;
  let started:
    { options: InitializeOptions; session: Promise<SessionInfo>; failed: boolean } | undefined;

  const requireClient = (): VigilClient => {
    if (!client) {
      throw new VigilSdkError(
        'the Vigil SDK is not initialised: call initialize({ clientId, serverUrl }) first',
        'not_initialized',
      );
    }

    return client;
  };

  return {
    initialize: (options) =>
      settle(() => {
        checkInitializeOptions(options);
        if (started && !sameOptions(started.options, options)) {
          return rejectSecondStart(started);
        }
        if (started && !started.failed) {
          return started.session;
        }
        if (!client) {
          client = buildClient(options, probes);
          startWatching(client, options.serverUrl);
        }
        // A failed start, such as one while offline, may be retried by calling initialize again.
        const attempt = { options, session: client.initialize(), failed: false };
        attempt.session.catch(() => {
          attempt.failed = true;
        });
        started = attempt;

        return attempt.session;
      }),
    getSessionToken: () => settle(() => requireClient().getSessionToken()),
    triggerActionEvent: (actionType, options) =>
      settle(() => requireClient().triggerActionEvent(actionType, options)),
    setAuthenticatedUser: (userId) => settle(() => requireClient().setAuthenticatedUser(userId)),
    clearUser: () => settle(() => requireClient().clearUser()),
  };
}

function buildClient(options: InitializeOptions, probes: DeviceProbe[]): VigilClient {
  return new VigilClient(options, {
    http: fetchHttpClient(options.serverUrl),
    deviceStore: webStorage('localStorage'),
    tabStore: webStorage('sessionStorage'),
    scheduler: browserScheduler,
    interactions: new InteractionStats(performance.timeOrigin),
    readDeviceEvents: () => [
      {
        type: TelemetryEventTypes.deviceAttributes,
        attributes: deviceAttributes(readDeviceFacts()),
      },
      {
        type: TelemetryEventTypes.automationMarkers,
        attributes: automationAttributes(readAutomationFacts()),
      },
    ],
    probes,
    onError: (error) => console.warn('[vigil]', error.message),
  });
}

function startWatching(client: VigilClient, serverUrl: string): void {
  try {
    listenToInteractions(client.interactions);
    watchPageLifecycle(client, serverUrl);
  } catch (error) {
    console.warn('[vigil] page listeners could not start:', String(error));
  }
}

/** Runs a call so that anything it throws becomes a rejected promise with a VigilSdkError. */
function settle<T>(call: () => Promise<T>): Promise<T> {
  try {
    return call().catch((error: unknown) => Promise.reject(toSdkError(error)));
  } catch (error) {
    return Promise.reject(toSdkError(error));
  }
}

function sameOptions(a: InitializeOptions, b: InitializeOptions): boolean {
  return a.clientId === b.clientId && a.serverUrl === b.serverUrl;
}

function rejectSecondStart(started: { options: InitializeOptions }): Promise<never> {
  return Promise.reject(
    new VigilSdkError(
      `the Vigil SDK is already initialised for client id ${started.options.clientId}; reload the page to use another`,
      'already_initialized',
    ),
  );
}

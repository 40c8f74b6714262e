import { AttributeValue } from './attributes';

/** Options of `initialize`. */
export interface InitializeOptions {
  /** The application's public client id, from `vigil admin tenant create`. */
  clientId: string;
  /** Base URL of the Vigil gateway, such as `https://vigil.example.com`. */
  serverUrl: string;
  /** Lets the app read the session token with `getSessionToken` to pass it to its backend. */
  enableSessionToken?: boolean;
  /** Telemetry batching; the defaults suit most pages. */
  telemetry?: {
    /** Events per telemetry call, 1 to 100. Default 50. */
    batchSize?: number;
    /** Maximum wait of an event for its batch to fill, in milliseconds. Default 5000. */
    flushIntervalMs?: number;
    /** Events kept while the gateway is unreachable; the oldest go first. Default 1000. */
    maxQueuedEvents?: number;
  };
}

/** The device session the SDK started or resumed. */
export interface SessionInfo {
  sessionId: string;
  /** Stable across sessions and reloads while the browser keeps localStorage. */
  deviceId: string;
}

/** Options of `triggerActionEvent`. */
export interface ActionEventOptions {
  /** The app's own id for the action, such as an order id, at most 128 characters. */
  correlationId?: string;
  /** The user the app believes acts, such as the email typed into a login form. */
  claimedUserId?: string;
  /** Kind of `claimedUserId`, such as `email` or `phone`. */
  claimedUserIdType?: string;
  /**
   * The app's own attributes: at most 53 keys matching ^[A-Za-z_][A-Za-z0-9_-]{0,63}$, not
   * starting with `vigil_`, with string, number, boolean or null values.
   */
  customAttributes?: Record<string, AttributeValue>;
}

export interface ActionEventResult {
  /** Pass it to the app's backend, which fetches the recommendation with it. */
  actionToken: string;
}

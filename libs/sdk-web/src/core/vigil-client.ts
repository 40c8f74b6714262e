import { AttributeMap } from './attributes';
import { CollectApi } from './collect-api';
import {
  checkActionType,
  checkCustomAttributes,
  checkUserId,
  SDK_ATTRIBUTE_PREFIX,
} from './input-checks';
import { HttpClient, KeyValueStore, Scheduler } from './ports';
import { VigilSdkError } from './sdk.error';
import { ActionEventOptions, ActionEventResult, InitializeOptions, SessionInfo } from './sdk.types';
import { SessionManager, SessionOrigin } from '../session/session-manager';
import { TokenPolicy } from '../session/token-policy';
import { InteractionStats } from '../telemetry/interaction-stats';
import { DEFAULT_BATCHING, TelemetryBatcher } from '../telemetry/telemetry-batcher';
import { TelemetryEvent } from '../telemetry/telemetry-event';
import { TelemetryEventTypes } from '../telemetry/event-types';

/** One telemetry event without its time, which the client stamps. */
export interface DeviceEvent {
  type: string;
  attributes: AttributeMap;
}

/** A slow reading of the device, such as a fingerprint, run when the page is idle. */
export type DeviceProbe = () => Promise<DeviceEvent>;

/** Dependencies of the client. The browser build passes the real browser APIs. */
export interface VigilClientDependencies {
  http: HttpClient;
  deviceStore: KeyValueStore;
  tabStore: KeyValueStore;
  scheduler: Scheduler;
  interactions: InteractionStats;
  /** Quick readings of the device, sent at the start of every new session. */
  readDeviceEvents: () => DeviceEvent[];
  /** Slow readings, run once per page when idle and sent again with every new session. */
  probes: DeviceProbe[];
  tokenPolicy?: TokenPolicy;
  /** Maximum wait of an action for queued telemetry to go out first, in milliseconds. */
  actionFlushWaitMs?: number;
  onError?: (error: VigilSdkError) => void;
}

const PROBE_IDLE_TIMEOUT_MS = 2_000;

/**
 * The SDK's state for one page: the device session, the telemetry batcher and the interaction
 * statistics. Every public method returns a promise and reports failures only by rejecting it.
 */
export class VigilClient {
  readonly sessions: SessionManager;
  readonly batcher: TelemetryBatcher;
  private readonly api: CollectApi;
  /** Results of the device readings, kept to send again when a new session starts. */
  private deviceSnapshot = new Map<string, DeviceEvent>();
  private probesStarted = false;
  private summarizedInputCount = -1;

  constructor(
    private readonly options: InitializeOptions,
    private readonly deps: VigilClientDependencies,
  ) {
    this.api = new CollectApi(deps.http);
    this.sessions = new SessionManager(this.api, {
      clientId: options.clientId,
      deviceStore: deps.deviceStore,
      tabStore: deps.tabStore,
      scheduler: deps.scheduler,
      policy: deps.tokenPolicy,
      onSession: (_grant, origin) => this.onSession(origin),
    });
    this.batcher = new TelemetryBatcher(
      (events) => this.sessions.withToken((token) => this.api.sendTelemetry(token, events)),
      deps.scheduler,
      { ...DEFAULT_BATCHING, ...definedOnly(options.telemetry ?? {}) },
      deps.onError,
    );
  }

  get interactions(): InteractionStats {
    return this.deps.interactions;
  }

  async initialize(): Promise<SessionInfo> {
    const grant = await this.sessions.start();
    this.startProbes();

    return { sessionId: grant.sessionId, deviceId: grant.deviceId };
  }

  /** Queues one telemetry event. */
  record(type: string, attributes: AttributeMap): void {
    this.batcher.add({ type, device_time: this.deps.scheduler.now(), attributes });
  }

  /** Queues the interaction statistics as an `interaction_summary` event. */
  recordInteractionSummary(): void {
    this.summarizedInputCount = this.deps.interactions.totalEvents;
    const now = this.deps.scheduler.now();
    this.record(TelemetryEventTypes.interactionSummary, this.deps.interactions.toAttributes(now));
  }

  /** Queues an `interaction_summary` event when there was input since the last one. */
  recordInteractionSummaryIfChanged(): void {
    if (this.deps.interactions.totalEvents !== this.summarizedInputCount) {
      this.recordInteractionSummary();
    }
  }

  async getSessionToken(): Promise<string> {
    if (!this.options.enableSessionToken) {
      throw new VigilSdkError(
        'getSessionToken is off: pass enableSessionToken: true to initialize',
        'session_tokens_disabled',
      );
    }

    return this.sessions.tokenForApp();
  }

  /**
   * Reports an action event. Queued telemetry goes out first, for at most `actionFlushWaitMs`,
   * so that the session's device attributes are on record when the action is scored. The
   * action carries the interaction statistics as `vigil_` custom attributes.
   */
  async triggerActionEvent(
    actionType: string,
    options: ActionEventOptions = {},
  ): Promise<ActionEventResult> {
    checkActionType(actionType);
    const appAttributes = checkCustomAttributes(options.customAttributes);
    const now = this.deps.scheduler.now();
    const customAttributes = {
      ...this.deps.interactions.toAttributes(now, SDK_ATTRIBUTE_PREFIX),
      ...appAttributes,
    };
    this.recordInteractionSummary();
    await this.flushWithin(this.deps.actionFlushWaitMs ?? 1_000);
    const actionToken = await this.sessions.withToken((token) =>
      this.api.triggerAction(token, {
        action_type: actionType,
        correlation_id: options.correlationId,
        claimed_user_id: options.claimedUserId,
        claimed_user_id_type: options.claimedUserIdType,
        custom_attributes: customAttributes,
      }),
    );

    return { actionToken };
  }

  async setAuthenticatedUser(userId: string): Promise<void> {
    const checked = checkUserId(userId);
    await this.sessions.withToken((token) => this.api.setUser(token, checked));
  }

  async clearUser(): Promise<void> {
    await this.sessions.withToken((token) => this.api.clearUser(token));
  }

  /**
   * Builds the body of a last telemetry send that cannot wait for a response, as when the page is
   * being hidden. Returns undefined when nothing is queued or no session exists.
   */
  takeBeaconBody(): { body: string; events: TelemetryEvent[] } | undefined {
    const token = this.sessions.current?.sessionToken;
    if (!token || this.batcher.queuedEvents === 0) {
      return undefined;
    }
    const events = this.batcher.takeForBeacon();

    return { body: JSON.stringify({ session_token: token, events }), events };
  }

  private onSession(origin: SessionOrigin): void {
    if (origin === 'resumed') {
      return;
    }
    // Device attributes are stored per session, so a new session gets them again.
    for (const event of this.deps.readDeviceEvents()) {
      this.deviceSnapshot.set(event.type, event);
    }
    for (const event of this.deviceSnapshot.values()) {
      this.record(event.type, event.attributes);
    }
    // Sent at once, without waiting for a batch, so that an early action is scored with them.
    void this.batcher.flush();
  }

  private startProbes(): void {
    if (this.probesStarted) {
      return;
    }
    this.probesStarted = true;
    for (const probe of this.deps.probes) {
      this.deps.scheduler.whenIdle(() => {
        probe().then(
          (event) => {
            this.deviceSnapshot.set(event.type, event);
            this.record(event.type, event.attributes);
            void this.batcher.flush();
          },
          (error: unknown) => this.deps.onError?.(toProbeError(error)),
        );
      }, PROBE_IDLE_TIMEOUT_MS);
    }
  }

  private flushWithin(waitMs: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = this.deps.scheduler.setTimeout(resolve, waitMs);
      void this.batcher.flush().then(() => {
        this.deps.scheduler.clearTimeout(timer);
        resolve();
      });
    });
  }
}

function toProbeError(error: unknown): VigilSdkError {
  return new VigilSdkError(`a device reading failed: ${String(error)}`, 'probe_failed');
}

function definedOnly<T extends object>(values: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(values).filter(([, value]) => value !== undefined),
  ) as Partial<T>;
}

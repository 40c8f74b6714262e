import {
  ActionOptions,
  ActionToken,
  ConnectionOptions,
  DeviceSession,
  TelemetryEvent,
  TelemetryReceipt,
} from './client.types';
import { HttpTransport } from './http.transport';
import { toDeviceSession, toSdkActionWire, toTelemetryEventWire } from './wire.mapping';
import {
  ActionTokenResponseWire,
  ClearUserRequestWire,
  SendTelemetryRequestWire,
  SendTelemetryResponseWire,
  SetUserRequestWire,
  StartSessionRequestWire,
  StartSessionResponseWire,
} from './wire.types';

const COLLECT_PATH = '/risk-collect/v1';

export interface DeviceClientOptions extends ConnectionOptions {
  /** The application's public client id; the SDK calls need no secret. */
  clientId: string;
}

export interface StartSessionOptions {
  /** A device id from an earlier session of the same device, to keep its history. */
  deviceId?: string;
  /** Sent as the User-Agent header on every call of this device session. */
  userAgent?: string;
  /**
   * Sent as the X-Forwarded-For header. The gateway reads the client IP from it only for requests
   * from a trusted proxy, which loopback is by default.
   */
  ip?: string;
}

/**
 * Makes the calls of the browser SDK for one device. It starts a device session, then sends
 * telemetry, action events and user changes with that session's token. It is meant for Node-side
 * use in demos and tests, where the `ip` and `userAgent` of `startSession` let one process act as
 * many devices.
 */
export class VigilDeviceClient {
  private readonly transport: HttpTransport;
  private readonly clientId: string;
  private session?: DeviceSession;
  private headers: Record<string, string> = {};

  constructor(options: DeviceClientOptions) {
    this.transport = new HttpTransport(options.baseUrl, options.timeoutMs);
    this.clientId = options.clientId;
  }

  /** The current device session, or undefined before `startSession` succeeds. */
  get deviceSession(): DeviceSession | undefined {
    return this.session;
  }

  /** The current session token; throws before `startSession` succeeds. */
  get sessionToken(): string {
    return this.requireSession().sessionToken;
  }

  /** The device id the gateway assigned or confirmed; throws before `startSession` succeeds. */
  get deviceId(): string {
    return this.requireSession().deviceId;
  }

  /** Starts a device session and keeps its token for the following calls. */
  async startSession(options: StartSessionOptions = {}): Promise<DeviceSession> {
    this.headers = deviceHeaders(options);
    const body: StartSessionRequestWire = { client_id: this.clientId, device_id: options.deviceId };
    const response = await this.transport.send<StartSessionResponseWire>({
      method: 'POST',
      path: `${COLLECT_PATH}/sessions`,
      body,
      headers: this.headers,
    });
    this.session = toDeviceSession(response.body);

    return this.session;
  }

  /** Sends one telemetry batch of 1 to 100 events. */
  async sendTelemetry(events: TelemetryEvent[]): Promise<TelemetryReceipt> {
    const body: SendTelemetryRequestWire = {
      session_token: this.sessionToken,
      events: events.map(toTelemetryEventWire),
    };
    const response = await this.post<SendTelemetryResponseWire>('/telemetry', body);

    return { accepted: response.accepted };
  }

  /** Reports an action event, such as `login`, and returns its action token. */
  async triggerAction(actionType: string, options: ActionOptions = {}): Promise<ActionToken> {
    const body = toSdkActionWire(this.sessionToken, actionType, options);
    const response = await this.post<ActionTokenResponseWire>('/actions', body);

    return { actionToken: response.action_token };
  }

  /** Sets the user of the device session. */
  async setUser(userId: string): Promise<void> {
    const body: SetUserRequestWire = { session_token: this.sessionToken, user_id: userId };
    await this.post('/user', body);
  }

  /** Clears the user of the device session, as on logout. */
  async clearUser(): Promise<void> {
    const body: ClearUserRequestWire = { session_token: this.sessionToken };
    await this.post('/user/clear', body);
  }

  private async post<T>(path: string, body: unknown): Promise<T> {
    const response = await this.transport.send<T>({
      method: 'POST',
      path: `${COLLECT_PATH}${path}`,
      body,
      headers: this.headers,
    });

    return response.body;
  }

  private requireSession(): DeviceSession {
    if (!this.session) {
      throw new Error('the device has no session yet; call startSession() first');
    }

    return this.session;
  }
}

function deviceHeaders(options: StartSessionOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  if (options.userAgent !== undefined) {
    headers['user-agent'] = options.userAgent;
  }
  if (options.ip !== undefined) {
    headers['x-forwarded-for'] = options.ip;
  }

  return headers;
}

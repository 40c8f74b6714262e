import { AttributeMap } from './attributes';
import { HttpClient } from './ports';
import { VigilSdkError } from './sdk.error';
import { TelemetryEvent } from '../telemetry/telemetry-event';

const COLLECT_PATH = '/risk-collect/v1';

/** A device session as the gateway returned it. */
export interface SessionGrant {
  sessionToken: string;
  sessionId: string;
  deviceId: string;
  /** Seconds until the session token expires. */
  expiresIn: number;
  /** True when a refresh had to start a new session because the old one had ended. */
  renewed: boolean;
}

/** Fields of an action event, in the gateway's names. */
export interface ActionFields {
  action_type: string;
  correlation_id?: string;
  claimed_user_id?: string;
  claimed_user_id_type?: string;
  custom_attributes?: AttributeMap;
}

/** The SDK calls of the gateway (`/risk-collect/v1`), with errors turned into VigilSdkError. */
export class CollectApi {
  constructor(private readonly http: HttpClient) {}

  async startSession(clientId: string, deviceId: string | undefined): Promise<SessionGrant> {
    const body = await this.post('/sessions', { client_id: clientId, device_id: deviceId });

    return toSessionGrant(body);
  }

  async refreshSession(sessionToken: string): Promise<SessionGrant> {
    const body = await this.post('/sessions/refresh', { session_token: sessionToken });

    return toSessionGrant(body);
  }

  async sendTelemetry(sessionToken: string, events: TelemetryEvent[]): Promise<void> {
    await this.post('/telemetry', { session_token: sessionToken, events });
  }

  async triggerAction(sessionToken: string, fields: ActionFields): Promise<string> {
    const body = await this.post('/actions', { session_token: sessionToken, ...fields });
    const actionToken = (body as { action_token?: unknown }).action_token;
    if (typeof actionToken !== 'string') {
      throw invalidResponse('/actions', 'action_token');
    }

    return actionToken;
  }

  async setUser(sessionToken: string, userId: string): Promise<void> {
    await this.post('/user', { session_token: sessionToken, user_id: userId });
  }

  async clearUser(sessionToken: string): Promise<void> {
    await this.post('/user/clear', { session_token: sessionToken });
  }

  private async post(path: string, body: unknown): Promise<unknown> {
    let response: { status: number; body: unknown };
    try {
      response = await this.http.postJson(`${COLLECT_PATH}${path}`, body);
    } catch (error) {
      throw new VigilSdkError(
        `POST ${COLLECT_PATH}${path} got no response (${String(error)}); check serverUrl and the network`,
        'network_error',
        0,
        true,
      );
    }
    if (response.status >= 200 && response.status < 300) {
      return response.body ?? {};
    }
    throw errorFromResponse(`${COLLECT_PATH}${path}`, response.status, response.body);
  }
}

/** Turns a gateway error body `{ error, message }` into a VigilSdkError. */
export function errorFromResponse(path: string, status: number, body: unknown): VigilSdkError {
  const { error, message } = (body ?? {}) as { error?: unknown; message?: unknown };
  const code = typeof error === 'string' ? error : `http_${status}`;
  const detail = typeof message === 'string' ? message : 'no error message in the response';
  const retriable = status === 429 || status >= 500;

  return new VigilSdkError(
    `POST ${path} failed with ${status} ${code}: ${detail}`,
    code,
    status,
    retriable,
  );
}

function toSessionGrant(body: unknown): SessionGrant {
  const wire = body as Record<string, unknown>;
  for (const field of ['session_token', 'session_id', 'device_id']) {
    if (typeof wire[field] !== 'string') {
      throw invalidResponse('/sessions', field);
    }
  }

  return {
    sessionToken: wire.session_token as string,
    sessionId: wire.session_id as string,
    deviceId: wire.device_id as string,
    expiresIn: typeof wire.expires_in === 'number' ? wire.expires_in : 0,
    renewed: wire.renewed === true,
  };
}

function invalidResponse(path: string, field: string): VigilSdkError {
  return new VigilSdkError(
    `the response of POST ${COLLECT_PATH}${path} has no ${field}; check that serverUrl points at a Vigil gateway`,
    'invalid_response',
  );
}

import jwt from 'jsonwebtoken';
import { VigilBackendClient, VigilDeviceClient } from '@vigil/client';
import { Topics } from '@vigil/contracts';
import { ProvisionedApplication } from '../../services/gateway/src/credentials/tenant-provisioning';
import {
  closeFixtures,
  createTenant,
  eventually,
  findDeviceSession,
  testKafka,
  topicEndOffset,
} from '../support/fixtures';
import { GATEWAY_URL } from '../support/stack';
import { accessToken, send } from './http';

const CHROME_UA =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36';

let tenant: ProvisionedApplication;
let backend: VigilBackendClient;

beforeAll(async () => {
  tenant = await createTenant('gateway');
  backend = new VigilBackendClient({
    baseUrl: GATEWAY_URL,
    clientId: tenant.client_id,
    clientSecret: tenant.client_secret,
  });
});

afterAll(closeFixtures);

async function startDevice(ip = '203.0.113.7'): Promise<VigilDeviceClient> {
  const device = new VigilDeviceClient({ baseUrl: GATEWAY_URL, clientId: tenant.client_id });
  await device.startSession({ userAgent: CHROME_UA, ip });

  return device;
}

describe('session tokens', () => {
  it('are accepted by telemetry and action calls', async () => {
    const device = await startDevice();

    const receipt = await device.sendTelemetry([{ type: 'page_load', attributes: { path: '/' } }]);
    const action = await device.triggerAction('login');

    expect(receipt.accepted).toBe(1);
    expect(action.actionToken.split('.')).toHaveLength(3);
  });

  it('reject a forged token with 401', async () => {
    const device = await startDevice();
    const claims = jwt.decode(device.sessionToken) as Record<string, unknown>;
    const forged = jwt.sign({ ...claims }, 'x'.repeat(48), {
      algorithm: 'HS256',
      keyid: 'local-1',
    });

    const telemetry = await send('POST', '/risk-collect/v1/telemetry', {
      session_token: forged,
      events: [{ type: 'page_load' }],
    });
    const action = await send('POST', '/risk-collect/v1/actions', {
      session_token: 'not.a.token',
      action_type: 'login',
    });

    expect(telemetry.status).toBe(401);
    expect(telemetry.body.error).toBe('invalid_token');
    expect(action.status).toBe(401);
    expect(action.body.error).toBe('invalid_token');
  });

  it('reject an unknown client id with 401', async () => {
    const response = await send('POST', '/risk-collect/v1/sessions', { client_id: 'cli_unknown' });

    expect(response.status).toBe(401);
    expect(response.body.error).toBe('invalid_client');
  });

  it('of another tenant are rejected on backend calls', async () => {
    const other = await createTenant('other');
    const device = await startDevice();
    const token = await accessToken(other.client_id, other.client_secret);

    const response = await send(
      'POST',
      '/risk/v1/action/trigger-action',
      { session_token: device.sessionToken, action_type: 'login' },
      { authorization: `Bearer ${token}` },
    );

    expect(response.status).toBe(401);
    expect(response.body.message).toContain('another tenant');
  });
});

describe('backend calls', () => {
  it('need a bearer token', async () => {
    const response = await send('GET', '/risk/v1/recommendation?action_token=x');

    expect(response.status).toBe(401);
    expect(response.body.error).toBe('unauthorized');
  });

  it('reject a wrong client secret', async () => {
    const response = await send('POST', '/oidc/token', {
      grant_type: 'client_credentials',
      client_id: tenant.client_id,
      client_secret: 'wrong',
    });

    expect(response.status).toBe(401);
    expect(response.body.error).toBe('invalid_client');
  });

  it('accept a form-encoded token request', async () => {
    const form = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: tenant.client_id,
      client_secret: tenant.client_secret,
    });
    const response = await fetch(`${GATEWAY_URL}/oidc/token`, { method: 'POST', body: form });
    const body = (await response.json()) as Record<string, unknown>;

    expect(response.status).toBe(200);
    expect(body.token_type).toBe('Bearer');
    expect(body.expires_in).toBe(3600);
  });
});

describe('recommendations', () => {
  it('are fetched by action token', async () => {
    const device = await startDevice();
    const { actionToken } = await device.triggerAction('login', { claimedUserId: 'alice' });

    const recommendation = await backend.getRecommendation(actionToken, { waitMs: 20_000 });

    expect(['TRUST', 'ALLOW', 'CHALLENGE', 'DENY']).toContain(recommendation.recommendation.type);
    expect(recommendation.riskScore).toBeGreaterThanOrEqual(0);
    expect(recommendation.riskScore).toBeLessThanOrEqual(100);
    expect(recommendation.context.deviceId).toBe(device.deviceId);
    expect(recommendation.context.ipAddress).toBe('203.0.113.7');
  });

  it('not yet issued answer 404 pending with Retry-After', async () => {
    // An action token the gateway would issue for an action that never reached scoring.
    const [keyId, secret] = process.env.TOKEN_SIGNING_KEYS!.split(',')[0].split(/:(.*)/s);
    const unscored = jwt.sign(
      {
        ten: tenant.tenant_id,
        sid: 's_none',
        did: 'd_none',
        aid: 'a_never_scored',
        act: 'login',
        typ: 'action',
      },
      secret,
      { algorithm: 'HS256', keyid: keyId },
    );
    const token = await accessToken(tenant.client_id, tenant.client_secret);

    const response = await send(
      'GET',
      `/risk/v1/recommendation?action_token=${encodeURIComponent(unscored)}`,
      undefined,
      { authorization: `Bearer ${token}` },
    );

    expect(response.status).toBe(404);
    expect(response.body.error).toBe('recommendation_pending');
    expect(response.headers.get('retry-after')).toBe('1');
  });

  it('judge a crawler user agent as a bot', async () => {
    const device = new VigilDeviceClient({ baseUrl: GATEWAY_URL, clientId: tenant.client_id });
    await device.startSession({
      userAgent: 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
      ip: '198.51.100.20',
    });
    const { actionToken } = await device.triggerAction('login');

    const recommendation = await backend.getRecommendation(actionToken, { waitMs: 20_000 });

    expect(recommendation.reasons.map((reason) => reason.code)).toContain('BOT_USER_AGENT');
    expect(recommendation.recommendation.type).not.toBe('TRUST');
  });
});

describe('user association', () => {
  it('is set by a successful login result', async () => {
    const device = await startDevice();
    const login = await backend.triggerAction({
      sessionToken: device.sessionToken,
      actionType: 'login',
      claimedUserId: 'bob',
    });
    await backend.getRecommendation(login.actionToken, { waitMs: 20_000 });

    await backend.reportActionResult(login.actionToken, 'success', 'bob');

    const sessionId = device.deviceSession!.sessionId;
    const session = await eventually(async () => {
      const stored = await findDeviceSession(sessionId);

      return stored?.current_user_id === 'bob' ? stored : undefined;
    }, 'the session user to be set');
    expect(session.user_history.map((entry) => entry.user_id)).toEqual(['bob']);
    const next = await device.triggerAction('transaction');
    const recommendation = await backend.getRecommendation(next.actionToken, { waitMs: 20_000 });
    expect(recommendation.context.userId).toBe('bob');
  });

  it('is not set by a failed login result', async () => {
    const device = await startDevice();
    const login = await device.triggerAction('login', { claimedUserId: 'carol' });
    await backend.reportActionResult(login.actionToken, 'failure', 'carol');
    const marker = await device.triggerAction('transaction');
    await backend.getRecommendation(marker.actionToken, { waitMs: 20_000 });

    const session = await findDeviceSession(device.deviceSession!.sessionId);

    expect(session?.current_user_id).toBeNull();
    expect(session?.action_count).toBe(2);
  });

  it('is cleared when the session expires', async () => {
    const device = await startDevice();
    await device.setUser('dave');
    const sessionId = device.deviceSession!.sessionId;
    await eventually(async () => {
      const stored = await findDeviceSession(sessionId);

      return stored?.current_user_id === 'dave' ? true : undefined;
    }, 'the session user to be set');

    const expired = await eventually(async () => {
      const stored = await findDeviceSession(sessionId);

      return stored?.state === 'expired' ? stored : undefined;
    }, 'the idle session to expire');

    expect(expired.current_user_id).toBeNull();
    expect(expired.user_history[0].cleared_by).toBe('expired');
  });
});

describe('invalid requests', () => {
  const kafka = testKafka();

  async function publishedCount(): Promise<number> {
    const counts = await Promise.all([
      topicEndOffset(kafka, Topics.telemetryRecorded),
      topicEndOffset(kafka, Topics.sessionActivityRecorded),
    ]);

    return counts[0] + counts[1];
  }

  it('get 400 naming the field and publish nothing', async () => {
    const device = await startDevice();
    const token = device.sessionToken;
    const cases: [string, string | object, string | undefined][] = [
      ['malformed JSON', '{"session_token": "abc", ', undefined],
      ['missing field', { session_token: token }, 'action_type'],
      ['wrong type', { session_token: token, action_type: 42 }, 'action_type'],
      [
        'dotted attribute key',
        { session_token: token, action_type: 'login', custom_attributes: { 'a.b': 1 } },
        'custom_attributes',
      ],
      ['unknown field', { session_token: token, action_type: 'login', admin: true }, 'admin'],
      [
        'NUL in a user id',
        { session_token: token, action_type: 'login', claimed_user_id: 'a\u0000b' },
        'claimed_user_id',
      ],
      [
        'nesting thousands deep',
        `{"session_token":"${token}","action_type":"login","custom_attributes":` +
          `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}}`,
        'custom_attributes',
      ],
    ];
    const before = await publishedCount();

    for (const [name, body, field] of cases) {
      const response = await send('POST', '/risk-collect/v1/actions', body);

      expect({ name, status: response.status }).toEqual({ name, status: 400 });
      expect(response.body.error).toBe('invalid_request');
      if (field) {
        const fields = (response.body.fields as { field: string }[]).map((entry) => entry.field);
        expect({ name, fields }).toEqual({ name, fields: expect.arrayContaining([field]) });
      }
    }

    expect(await publishedCount()).toBe(before);
  });

  it('reject a telemetry batch with a nested error by its path', async () => {
    const device = await startDevice();

    const response = await send('POST', '/risk-collect/v1/telemetry', {
      session_token: device.sessionToken,
      events: [{ type: 'page_load' }, { type: 'Bad Type' }],
    });

    expect(response.status).toBe(400);
    expect((response.body.fields as { field: string }[])[0].field).toBe('events.1.type');
  });
});

describe('cross-origin requests', () => {
  const preflight = (path: string) =>
    send('OPTIONS', path, undefined, {
      origin: 'https://shop.example',
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'content-type',
    });

  it('are allowed on the SDK paths, so a shop page can call them', async () => {
    const response = await preflight('/risk-collect/v1/telemetry');

    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-allow-methods')).toContain('POST');
  });

  it('are refused on backend paths', async () => {
    const response = await preflight('/risk/v1/action/trigger-action');

    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });
});

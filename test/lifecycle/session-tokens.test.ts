import jwt from 'jsonwebtoken';
import { ProvisionedApplication } from '../../services/gateway/src/credentials/tenant-provisioning';
import { RawResponse, send } from '../pipeline/http';
import { closeFixtures, eventually, findDeviceSession } from '../support/fixtures';
import { backendTenant, startSession as startOn, StartedSession } from './lifecycle.fixture';

const CHROME_UA =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36';

let tenant: ProvisionedApplication;
let bearer: Record<string, string>;

beforeAll(async () => {
  ({ tenant, bearer } = await backendTenant('lifecycle'));
});

afterAll(closeFixtures);

function startSession(): Promise<StartedSession> {
  return startOn(tenant, undefined, { 'user-agent': CHROME_UA });
}

function telemetry(sessionToken: string): Promise<RawResponse> {
  return send('POST', '/risk-collect/v1/telemetry', {
    session_token: sessionToken,
    events: [{ type: 'page_load', attributes: { path: '/' } }],
  });
}

function refresh(sessionToken: string): Promise<RawResponse> {
  return send('POST', '/risk-collect/v1/sessions/refresh', { session_token: sessionToken });
}

function waitForState(sessionId: string, state: 'active' | 'expired') {
  return eventually(async () => {
    const session = await findDeviceSession(sessionId);

    return session?.state === state ? session : undefined;
  }, `session ${sessionId} to be ${state}`);
}

describe('session refresh', () => {
  it('returns a token for the same session while it lives', async () => {
    const started = await startSession();
    await waitForState(started.session_id, 'active');

    const refreshed = await refresh(started.session_token);

    expect(refreshed.status).toBe(200);
    expect(refreshed.body).toMatchObject({
      session_id: started.session_id,
      device_id: started.device_id,
      renewed: false,
    });
    expect(refreshed.body.expires_in).toBeLessThanOrEqual(started.expires_in);
    expect((await telemetry(refreshed.body.session_token as string)).status).toBe(202);
  });

  it('starts a new session of the same device after the idle timeout', async () => {
    const started = await startSession();
    await waitForState(started.session_id, 'expired');

    const rejected = await telemetry(started.session_token);
    const refreshed = await refresh(started.session_token);

    expect(rejected.status).toBe(401);
    expect(rejected.body.error).toBe('token_expired');
    expect(refreshed.status).toBe(200);
    expect(refreshed.body).toMatchObject({
      device_id: started.device_id,
      renewed: true,
      previous_session_id: started.session_id,
    });
    expect(refreshed.body.session_id).not.toBe(started.session_id);
    expect((await telemetry(refreshed.body.session_token as string)).status).toBe(202);
  });

  it('refuses a token signed with another key', async () => {
    const started = await startSession();
    const claims = jwt.decode(started.session_token) as Record<string, unknown>;
    const forged = jwt.sign(claims, 'f'.repeat(48), { algorithm: 'HS256', keyid: 'test-1' });

    const response = await refresh(forged);

    expect(response.status).toBe(401);
    expect(response.body.error).toBe('invalid_token');
  });

  it('names the field when the token is missing', async () => {
    const response = await send('POST', '/risk-collect/v1/sessions/refresh', {});

    expect(response.status).toBe(400);
    const fields = response.body.fields as { field: string }[];
    expect(fields.map((violation) => violation.field)).toContain('session_token');
    expect(fields.every((violation) => violation.field === 'session_token')).toBe(true);
  });
});

describe('session revocation', () => {
  it('refuses the token at once, ends the session and clears its user', async () => {
    const started = await startSession();
    const token = { session_token: started.session_token };
    expect(
      (await send('POST', '/risk/v1/session/user', { ...token, user_id: 'u-rev' }, bearer)).status,
    ).toBe(202);
    await eventually(async () => {
      const session = await findDeviceSession(started.session_id);

      return session?.current_user_id === 'u-rev' ? session : undefined;
    }, 'the user to be set');

    const revoked = await send('POST', '/risk/v1/session/revoke', token, bearer);
    const rejected = await telemetry(started.session_token);
    const session = await waitForState(started.session_id, 'expired');
    const refreshed = await refresh(started.session_token);

    expect(revoked.status).toBe(202);
    expect(rejected.status).toBe(401);
    expect(rejected.body.error).toBe('token_revoked');
    expect(session.expiry_reason).toBe('revoked');
    expect(session.current_user_id).toBeNull();
    expect(session.user_history).toEqual([
      expect.objectContaining({ user_id: 'u-rev', cleared_by: 'revoked' }),
    ]);
    expect(refreshed.body).toMatchObject({ renewed: true, device_id: started.device_id });
  });
});

describe('session lifetimes per tenant', () => {
  it('rejects an idle timeout longer than the maximum lifetime, naming the field', async () => {
    const response = await send(
      'PUT',
      '/risk/v1/settings/session',
      { idle_timeout_seconds: 7200, max_lifetime_seconds: 3600 },
      bearer,
    );

    expect(response.status).toBe(400);
    expect(response.body.fields).toEqual([
      expect.objectContaining({ field: 'idle_timeout_seconds' }),
    ]);
  });

  it('gives new sessions the maximum lifetime and idle timeout the tenant set', async () => {
    const { tenant: own, bearer: headers } = await backendTenant('lifetimes');
    const put = await send(
      'PUT',
      '/risk/v1/settings/session',
      { idle_timeout_seconds: 20, max_lifetime_seconds: 600 },
      headers,
    );
    const started = await send('POST', '/risk-collect/v1/sessions', { client_id: own.client_id });
    const sessionId = started.body.session_id as string;
    const session = await waitForState(sessionId, 'active');
    // The test services expire idle sessions after 3 s by default; this tenant's last 20 s.
    await new Promise((resolve) => setTimeout(resolve, 6_000));

    expect(put.status).toBe(200);
    expect((await send('GET', '/risk/v1/settings/session', undefined, headers)).body).toEqual({
      idle_timeout_seconds: 20,
      max_lifetime_seconds: 600,
    });
    expect(started.body.expires_in).toBe(600);
    expect(session.idle_expires_at.getTime() - session.last_seen_at.getTime()).toBe(20_000);
    expect((await findDeviceSession(sessionId))?.state).toBe('active');
  });
});

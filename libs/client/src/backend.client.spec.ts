import { setTimeout as sleep } from 'node:timers/promises';
import { VigilBackendClient } from './backend.client';
import { CannedResponse, CannedRoute, RecordingServer } from './testing/recording-server';
import { VigilApiError } from './vigil-api.error';
import { RecommendationResponseWire } from './wire.types';

const RECOMMENDATION: RecommendationResponseWire = {
  id: 'rec-1',
  issued_at: '2020-02-03T12:43:31.000Z',
  recommendation: { type: 'CHALLENGE' },
  risk_score: 62,
  reasons: [{ code: 'NEW_COUNTRY_FOR_USER', weight: 30, evidence: { country: 'AU' } }],
  context: {
    action_type: 'login',
    session_id: 'ses-1',
    device_id: 'dev-1',
    user_id: 'user-9',
    ip_address: '194.87.207.6',
  },
};
const PENDING: CannedResponse = {
  status: 404,
  body: { error: 'recommendation_pending', message: 'the action is not scored yet' },
};
const UNAUTHORIZED: CannedResponse = {
  status: 401,
  body: { error: 'unauthorized', message: 'the bearer token is invalid' },
};

function tokenRoute(expiresIn = 3600): CannedRoute {
  return (_request, callIndex) => ({
    status: 200,
    body: { access_token: `token-${callIndex + 1}`, token_type: 'Bearer', expires_in: expiresIn },
  });
}

describe(VigilBackendClient.name, () => {
  let server: RecordingServer;

  async function clientFor(
    routes: Record<string, CannedRoute>,
    pollDelayMs = { initial: 10, max: 40 },
  ): Promise<VigilBackendClient> {
    server = await RecordingServer.start({ 'POST /oidc/token': tokenRoute(), ...routes });

    return new VigilBackendClient({
      baseUrl: server.baseUrl,
      clientId: 'app-1',
      clientSecret: 'secret-1',
      pollDelayMs,
    });
  }

  function bearersOf(route: string): Array<string | undefined> {
    return server.requestsTo(route).map((request) => request.headers.authorization);
  }

  afterEach(async () => {
    await server.close();
  });

  describe('access token', () => {
    it('fetches with client credentials', async () => {
      const client = await clientFor({ 'POST /risk/v1/session/user': () => ({ status: 202 }) });

      await client.setUser('st-1', 'user-9');

      expect(server.requestsTo('POST /oidc/token')[0].body).toEqual({
        grant_type: 'client_credentials',
        client_id: 'app-1',
        client_secret: 'secret-1',
      });
      expect(bearersOf('POST /risk/v1/session/user')).toEqual(['Bearer token-1']);
    });

    it('is fetched once for concurrent and later calls', async () => {
      const client = await clientFor({ 'POST /risk/v1/session/user': () => ({ status: 202 }) });

      await Promise.all([client.setUser('st-1', 'a'), client.setUser('st-2', 'b')]);
      await client.setUser('st-3', 'c');

      expect(server.requestsTo('POST /oidc/token')).toHaveLength(1);
      expect(bearersOf('POST /risk/v1/session/user')).toEqual(Array(3).fill('Bearer token-1'));
    });

    it('is refetched when due before expiry', async () => {
      server = await RecordingServer.start({
        'POST /oidc/token': tokenRoute(1),
        'POST /risk/v1/session/user/clear': () => ({ status: 202 }),
      });
      const client = new VigilBackendClient({
        baseUrl: server.baseUrl,
        clientId: 'app-1',
        clientSecret: 'secret-1',
      });

      await client.clearUser('st-1');
      await client.clearUser('st-1');
      // A 1 s token is replaced after half its lifetime, since the 60 s margin is longer.
      await sleep(600);
      await client.clearUser('st-1');

      expect(bearersOf('POST /risk/v1/session/user/clear')).toEqual([
        'Bearer token-1',
        'Bearer token-1',
        'Bearer token-2',
      ]);
    });

    it('is refetched once on 401 and the call repeated', async () => {
      const client = await clientFor({
        'POST /risk/v1/action/result': (_request, callIndex) =>
          callIndex === 0 ? UNAUTHORIZED : { status: 202, body: {} },
      });

      await client.reportActionResult('at-1', 'success', 'user-9');

      expect(server.requestsTo('POST /oidc/token')).toHaveLength(2);
      expect(bearersOf('POST /risk/v1/action/result')).toEqual([
        'Bearer token-1',
        'Bearer token-2',
      ]);
    });

    it('throws the second 401 without more retries', async () => {
      const client = await clientFor({ 'POST /risk/v1/action/result': () => UNAUTHORIZED });

      const error = await client.reportActionResult('at-1', 'failure').catch((caught) => caught);

      expect(error).toBeInstanceOf(VigilApiError);
      expect(error).toMatchObject({ status: 401, code: 'unauthorized' });
      expect(server.requestsTo('POST /risk/v1/action/result')).toHaveLength(2);
      expect(server.requestsTo('POST /oidc/token')).toHaveLength(2);
    });

    it('throws invalid_client from the token endpoint', async () => {
      const client = await clientFor({
        'POST /oidc/token': () => ({
          status: 401,
          body: { error: 'invalid_client', message: 'client authentication failed' },
        }),
      });

      const error = await client.clearUser('st-1').catch((caught) => caught);

      expect(error).toMatchObject({ status: 401, code: 'invalid_client' });
      expect(server.requestsTo('POST /oidc/token')).toHaveLength(1);
      expect(server.requestsTo('POST /risk/v1/session/user/clear')).toHaveLength(0);
    });
  });

  describe('getRecommendation', () => {
    const route = 'GET /risk/v1/recommendation';

    it('maps the wire form to camelCase', async () => {
      const client = await clientFor({ [route]: () => ({ status: 200, body: RECOMMENDATION }) });

      const recommendation = await client.getRecommendation('at-1');

      expect(server.requestsTo(route)[0].query.get('action_token')).toBe('at-1');
      expect(recommendation).toEqual({
        id: 'rec-1',
        issuedAt: '2020-02-03T12:43:31.000Z',
        recommendation: { type: 'CHALLENGE' },
        riskScore: 62,
        reasons: [{ code: 'NEW_COUNTRY_FOR_USER', weight: 30, evidence: { country: 'AU' } }],
        context: {
          actionType: 'login',
          sessionId: 'ses-1',
          deviceId: 'dev-1',
          userId: 'user-9',
          ipAddress: '194.87.207.6',
          userAgent: undefined,
        },
      });
    });

    it('polls while pending until the recommendation arrives', async () => {
      const client = await clientFor({
        [route]: (_request, callIndex) =>
          callIndex < 2 ? PENDING : { status: 200, body: RECOMMENDATION },
      });

      const recommendation = await client.getRecommendation('at-1', { waitMs: 2000 });

      expect(recommendation.riskScore).toBe(62);
      expect(server.requestsTo(route)).toHaveLength(3);
    });

    it('waits at least Retry-After between polls', async () => {
      const client = await clientFor({
        [route]: (_request, callIndex) =>
          callIndex < 2
            ? { ...PENDING, headers: { 'retry-after': '0.2' } }
            : { status: 200, body: RECOMMENDATION },
      });
      const startedMs = Date.now();

      await client.getRecommendation('at-1', { waitMs: 5000 });

      expect(Date.now() - startedMs).toBeGreaterThanOrEqual(400);
    });

    it('throws pending once waitMs has passed', async () => {
      const client = await clientFor({ [route]: () => PENDING });
      const startedMs = Date.now();

      const error = await client
        .getRecommendation('at-1', { waitMs: 150 })
        .catch((caught) => caught);

      const elapsedMs = Date.now() - startedMs;
      expect(error).toMatchObject({ status: 404, code: 'recommendation_pending' });
      expect(elapsedMs).toBeGreaterThanOrEqual(150);
      expect(elapsedMs).toBeLessThan(1000);
      expect(server.requestsTo(route).length).toBeGreaterThan(2);
    });

    it('does not poll without waitMs', async () => {
      const client = await clientFor({ [route]: () => PENDING });

      await expect(client.getRecommendation('at-1')).rejects.toMatchObject({
        code: 'recommendation_pending',
      });
      expect(server.requestsTo(route)).toHaveLength(1);
    });

    it('does not poll on not_found', async () => {
      const client = await clientFor({
        [route]: () => ({
          status: 404,
          body: { error: 'not_found', message: 'unknown action token' },
        }),
      });

      await expect(client.getRecommendation('at-1', { waitMs: 2000 })).rejects.toMatchObject({
        code: 'not_found',
      });
      expect(server.requestsTo(route)).toHaveLength(1);
    });
  });

  describe('session and action calls', () => {
    it('triggerAction sends the backend wire form', async () => {
      const client = await clientFor({
        'POST /risk/v1/action/trigger-action': () => ({
          status: 201,
          body: { action_token: 'at-7' },
        }),
      });

      const token = await client.triggerAction({
        sessionToken: 'st-1',
        actionType: 'transaction',
        userId: 'user-9',
        correlationId: 'order-5',
        customAttributes: { amount: 120.5 },
        ipAddress: '81.167.144.58',
        userAgent: 'curl/8.5.0',
      });

      expect(token).toEqual({ actionToken: 'at-7' });
      expect(server.requestsTo('POST /risk/v1/action/trigger-action')[0].body).toEqual({
        session_token: 'st-1',
        action_type: 'transaction',
        user_id: 'user-9',
        correlation_id: 'order-5',
        custom_attributes: { amount: 120.5 },
        ip_address: '81.167.144.58',
        user_agent: 'curl/8.5.0',
      });
    });

    it('reportActionResult omits user id on failure', async () => {
      const client = await clientFor({ 'POST /risk/v1/action/result': () => ({ status: 202 }) });

      await client.reportActionResult('at-1', 'failure');

      expect(server.requestsTo('POST /risk/v1/action/result')[0].body).toEqual({
        action_token: 'at-1',
        result: 'failure',
      });
    });

    it('setUser and clearUser send the session token', async () => {
      const client = await clientFor({
        'POST /risk/v1/session/user': () => ({ status: 202 }),
        'POST /risk/v1/session/user/clear': () => ({ status: 202 }),
      });

      await client.setUser('st-1', 'user-9');
      await client.clearUser('st-1');

      expect(server.requestsTo('POST /risk/v1/session/user')[0].body).toEqual({
        session_token: 'st-1',
        user_id: 'user-9',
      });
      expect(server.requestsTo('POST /risk/v1/session/user/clear')[0].body).toEqual({
        session_token: 'st-1',
      });
    });
  });
});

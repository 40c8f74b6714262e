import { RecordingServer } from './testing/recording-server';
import { VigilDeviceClient } from './device.client';
import { VigilApiError } from './vigil-api.error';

const SESSION_ANSWER = {
  status: 201,
  body: { session_token: 'st-1', session_id: 'ses-1', device_id: 'dev-1', expires_in: 1800 },
};
const IPHONE_UA = 'Mozilla/5.0 (iPhone; CPU iPhone OS 13_4 like Mac OS X) Mobile/15E148';

describe(VigilDeviceClient.name, () => {
  let server: RecordingServer;
  let client: VigilDeviceClient;

  beforeEach(async () => {
    server = await RecordingServer.start({
      'POST /risk-collect/v1/sessions': () => SESSION_ANSWER,
      'POST /risk-collect/v1/telemetry': () => ({ status: 202, body: { accepted: 2 } }),
      'POST /risk-collect/v1/actions': () => ({ status: 201, body: { action_token: 'at-1' } }),
      'POST /risk-collect/v1/user': () => ({ status: 202, body: {} }),
      'POST /risk-collect/v1/user/clear': () => ({ status: 202 }),
    });
    client = new VigilDeviceClient({ baseUrl: server.baseUrl, clientId: 'app-public-id' });
  });

  afterEach(async () => {
    await server.close();
  });

  describe('startSession', () => {
    it('sends client id, device id and device headers', async () => {
      await client.startSession({ deviceId: 'dev-0', userAgent: IPHONE_UA, ip: '81.167.144.58' });

      const [request] = server.requestsTo('POST /risk-collect/v1/sessions');
      expect(request.body).toEqual({ client_id: 'app-public-id', device_id: 'dev-0' });
      expect(request.headers['user-agent']).toBe(IPHONE_UA);
      expect(request.headers['x-forwarded-for']).toBe('81.167.144.58');
      expect(request.headers['content-type']).toBe('application/json');
    });

    it('keeps the session token and device id', async () => {
      const session = await client.startSession();

      expect(session).toEqual({
        sessionToken: 'st-1',
        sessionId: 'ses-1',
        deviceId: 'dev-1',
        expiresInSeconds: 1800,
      });
      expect(client.sessionToken).toBe('st-1');
      expect(client.deviceId).toBe('dev-1');
    });

    it('omits device id when none is given', async () => {
      await client.startSession();

      const [request] = server.requestsTo('POST /risk-collect/v1/sessions');
      expect(request.body).toEqual({ client_id: 'app-public-id' });
      expect(request.headers['x-forwarded-for']).toBeUndefined();
    });
  });

  describe('after startSession', () => {
    beforeEach(async () => {
      await client.startSession({ userAgent: IPHONE_UA, ip: '194.87.207.6' });
    });

    it('sendTelemetry maps events to the wire form', async () => {
      const receipt = await client.sendTelemetry([
        { type: 'device_profile', deviceTime: 1580733810800, attributes: { os: 'iOS 13.4' } },
        { type: 'page_view' },
      ]);

      const [request] = server.requestsTo('POST /risk-collect/v1/telemetry');
      expect(receipt).toEqual({ accepted: 2 });
      expect(request.body).toEqual({
        session_token: 'st-1',
        events: [
          { type: 'device_profile', device_time: 1580733810800, attributes: { os: 'iOS 13.4' } },
          { type: 'page_view' },
        ],
      });
    });

    it('triggerAction sends the action event and returns its token', async () => {
      const token = await client.triggerAction('login', {
        correlationId: 'rba-17',
        claimedUserId: 'user-9',
        claimedUserIdType: 'account_id',
        customAttributes: { attempt: 2 },
      });

      const [request] = server.requestsTo('POST /risk-collect/v1/actions');
      expect(token).toEqual({ actionToken: 'at-1' });
      expect(request.body).toEqual({
        session_token: 'st-1',
        action_type: 'login',
        correlation_id: 'rba-17',
        claimed_user_id: 'user-9',
        claimed_user_id_type: 'account_id',
        custom_attributes: { attempt: 2 },
      });
    });

    it('repeats device headers on every call', async () => {
      await client.triggerAction('login');
      await client.setUser('user-9');

      for (const request of server.requests) {
        expect(request.headers['user-agent']).toBe(IPHONE_UA);
        expect(request.headers['x-forwarded-for']).toBe('194.87.207.6');
      }
      expect(server.requests).toHaveLength(3);
    });

    it('setUser and clearUser send the session token', async () => {
      await client.setUser('user-9');
      await client.clearUser();

      expect(server.requestsTo('POST /risk-collect/v1/user')[0].body).toEqual({
        session_token: 'st-1',
        user_id: 'user-9',
      });
      expect(server.requestsTo('POST /risk-collect/v1/user/clear')[0].body).toEqual({
        session_token: 'st-1',
      });
    });
  });

  it('rejects calls before startSession without sending', async () => {
    await expect(client.triggerAction('login')).rejects.toThrow('call startSession() first');
    expect(() => client.sessionToken).toThrow('call startSession() first');
    expect(server.requests).toHaveLength(0);
  });

  it('maps a 400 answer to VigilApiError with fields', async () => {
    await server.close();
    server = await RecordingServer.start({
      'POST /risk-collect/v1/sessions': () => SESSION_ANSWER,
      'POST /risk-collect/v1/actions': () => ({
        status: 400,
        body: {
          error: 'invalid_request',
          message: 'action_type must match ^[a-z][a-z0-9_]{0,63}$',
          fields: [{ field: 'action_type', message: 'must match ^[a-z][a-z0-9_]{0,63}$' }],
        },
      }),
    });
    client = new VigilDeviceClient({ baseUrl: server.baseUrl, clientId: 'app-public-id' });
    await client.startSession();

    const error = await client.triggerAction('Login').catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(VigilApiError);
    expect(error).toMatchObject({
      status: 400,
      code: 'invalid_request',
      message: 'action_type must match ^[a-z][a-z0-9_]{0,63}$',
      request: 'POST /risk-collect/v1/actions',
      fields: [{ field: 'action_type', message: 'must match ^[a-z][a-z0-9_]{0,63}$' }],
    });
  });
});

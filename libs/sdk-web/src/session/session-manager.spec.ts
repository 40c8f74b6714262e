import { CollectApi } from '../core/collect-api';
import { VigilSdkError } from '../core/sdk.error';
import { errorReply, FakeGateway, MemoryStore } from '../testing/fake-gateway';
import { ManualScheduler } from '../testing/manual-scheduler';
import { SessionManager, SessionOrigin } from './session-manager';

describe('SessionManager', () => {
  let gateway: FakeGateway;
  let deviceStore: MemoryStore;
  let tabStore: MemoryStore;
  let scheduler: ManualScheduler;
  let origins: SessionOrigin[];

  function makeManager(): SessionManager {
    return new SessionManager(new CollectApi(gateway), {
      clientId: 'cli_1',
      deviceStore,
      tabStore,
      scheduler,
      policy: { refreshMarginMs: 60_000, confirmAfterMs: 5_000 },
      onSession: (_grant, origin) => origins.push(origin),
    });
  }

  beforeEach(() => {
    gateway = new FakeGateway();
    deviceStore = new MemoryStore();
    tabStore = new MemoryStore();
    scheduler = new ManualScheduler();
    origins = [];
  });

  it('starts a session with the stored device id', async () => {
    deviceStore.set('vigil:cli_1:device_id', 'd_known');
    const grant = await makeManager().start();

    expect(gateway.callsTo('/sessions')[0].body).toEqual({
      client_id: 'cli_1',
      device_id: 'd_known',
    });
    expect(grant.deviceId).toBe('d_known');
    expect(origins).toEqual(['started']);
  });

  it('stores the device id the gateway issued', async () => {
    await makeManager().start();

    expect(deviceStore.get('vigil:cli_1:device_id')).toBe('d_new');
  });

  it('resumes the tab session after a reload with a refresh', async () => {
    await makeManager().start();
    const reloaded = await makeManager().start();

    expect(gateway.callsTo('/sessions/refresh')[0].body).toEqual({ session_token: 'token-1' });
    expect(reloaded.sessionToken).toBe('token-2');
    expect(origins).toEqual(['started', 'resumed']);
  });

  it('starts anew when the gateway has no refresh route', async () => {
    await makeManager().start();
    gateway.reply('/sessions/refresh', errorReply(404, 'not_found'));
    await makeManager().start();

    expect(gateway.callsTo('/sessions')).toHaveLength(2);
    expect(origins).toEqual(['started', 'started']);
  });

  it('refreshes and retries once when the session ended', async () => {
    const manager = makeManager();
    await manager.start();
    gateway.reply('/telemetry', errorReply(401, 'token_expired'));
    gateway.reply('/sessions/refresh', {
      status: 200,
      body: {
        session_token: 'token-9',
        session_id: 's_9',
        device_id: 'd_new',
        expires_in: 60,
        renewed: true,
      },
    });
    await manager.withToken((token) => new CollectApi(gateway).sendTelemetry(token, []));

    const tokens = gateway.callsTo('/telemetry').map((call) => call.body.session_token);
    expect(tokens).toEqual(['token-1', 'token-9']);
    expect(origins).toEqual(['started', 'renewed']);
  });

  it('starts a new session when the token is rejected as invalid', async () => {
    const manager = makeManager();
    await manager.start();
    gateway.reply('/actions', errorReply(401, 'invalid_token'));
    const token = await manager.withToken((sessionToken) =>
      new CollectApi(gateway).triggerAction(sessionToken, { action_type: 'login' }),
    );

    expect(token).toBe('action-token');
    expect(gateway.callsTo('/sessions')).toHaveLength(2);
    expect(gateway.callsTo('/sessions')[1].body.device_id).toBe('d_new');
  });

  it('passes other errors through without retry', async () => {
    const manager = makeManager();
    await manager.start();
    gateway.reply('/user', errorReply(400, 'invalid_request'));
    const call = manager.withToken((token) => new CollectApi(gateway).setUser(token, 'u'));

    await expect(call).rejects.toMatchObject({ code: 'invalid_request', status: 400 });
    expect(gateway.callsTo('/user')).toHaveLength(1);
  });

  it('confirms an idle token before handing it to the app', async () => {
    const manager = makeManager();
    await manager.start();
    expect(await manager.tokenForApp()).toBe('token-1');

    await scheduler.advance(6_000);
    expect(await manager.tokenForApp()).toBe('token-2');
    expect(gateway.callsTo('/sessions/refresh')).toHaveLength(1);
  });

  it('shares one refresh between concurrent callers', async () => {
    const manager = makeManager();
    await manager.start();
    await scheduler.advance(6_000);
    const tokens = await Promise.all([manager.tokenForApp(), manager.tokenForApp()]);

    expect(tokens).toEqual(['token-2', 'token-2']);
    expect(gateway.callsTo('/sessions/refresh')).toHaveLength(1);
  });

  it('rejects with a network error when no answer arrives', async () => {
    gateway.reply('/sessions', 'no-answer');
    const start = makeManager().start();

    await expect(start).rejects.toBeInstanceOf(VigilSdkError);
    await expect(start).rejects.toMatchObject({ code: 'network_error', retriable: true });
  });
});

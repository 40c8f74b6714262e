import { errorReply, FakeGateway, MemoryStore } from '../testing/fake-gateway';
import { ManualScheduler } from '../testing/manual-scheduler';
import { InteractionStats } from '../telemetry/interaction-stats';
import { VigilClient } from './vigil-client';

describe('VigilClient', () => {
  let gateway: FakeGateway;
  let scheduler: ManualScheduler;
  let interactions: InteractionStats;

  function makeClient(enableSessionToken = true): VigilClient {
    return new VigilClient(
      { clientId: 'cli_1', serverUrl: 'http://127.0.0.1:8080', enableSessionToken },
      {
        http: gateway,
        deviceStore: new MemoryStore(),
        tabStore: new MemoryStore(),
        scheduler,
        interactions,
        readDeviceEvents: () => [{ type: 'device_attributes', attributes: { platform: 'Linux' } }],
        probes: [async () => ({ type: 'fingerprint', attributes: { fingerprint_id: 'f1' } })],
      },
    );
  }

  beforeEach(() => {
    gateway = new FakeGateway();
    scheduler = new ManualScheduler();
    interactions = new InteractionStats(scheduler.now());
  });

  it('sends device events and probe results after start', async () => {
    const client = makeClient();
    await client.initialize();
    await scheduler.runIdle();
    await client.batcher.flush();

    const types = gateway
      .callsTo('/telemetry')
      .flatMap((call) => (call.body.events as Array<{ type: string }>).map((event) => event.type));
    expect(types).toEqual(['device_attributes', 'fingerprint']);
  });

  it('sends the device events again for a renewed session', async () => {
    const client = makeClient();
    await client.initialize();
    await scheduler.runIdle();
    await client.batcher.flush();
    gateway.reply('/telemetry', errorReply(401, 'token_expired'));
    gateway.reply('/sessions/refresh', {
      status: 200,
      body: {
        session_token: 't2',
        session_id: 's_2',
        device_id: 'd_new',
        expires_in: 3600,
        renewed: true,
      },
    });
    client.record('page_load', { page_path: '/' });
    await client.batcher.flush();
    await client.batcher.flush();

    const last = gateway.callsTo('/telemetry').slice(-2);
    const types = last.flatMap((call) =>
      (call.body.events as Array<{ type: string }>).map((event) => event.type),
    );
    expect(last.map((call) => call.body.session_token)).toEqual(['t2', 't2']);
    expect(types).toEqual(['page_load', 'device_attributes', 'fingerprint']);
  });

  it('adds interaction statistics to an action and sends telemetry first', async () => {
    const client = makeClient();
    await client.initialize();
    interactions.recordKeyPress(scheduler.now() + 10);
    const result = await client.triggerActionEvent('login', {
      claimedUserId: 'alice@example.com',
      customAttributes: { plan: 'pro' },
    });

    const paths = gateway.calls.map((call) => call.path.replace('/risk-collect/v1', ''));
    const action = gateway.callsTo('/actions')[0].body;
    expect(result).toEqual({ actionToken: 'action-token' });
    const summary = gateway.calls[paths.length - 2].body.events as Array<{ type: string }>;
    expect(paths).toEqual(['/sessions', '/telemetry', '/telemetry', '/actions']);
    expect(summary.map((event) => event.type)).toEqual(['interaction_summary']);
    expect(action.claimed_user_id).toBe('alice@example.com');
    expect(action.custom_attributes).toMatchObject({ plan: 'pro', vigil_key_presses: 1 });
  });

  it('rejects an invalid action type before any call', async () => {
    const client = makeClient();
    await client.initialize();

    await expect(client.triggerActionEvent('Log In')).rejects.toThrow(
      'actionType "Log In" is invalid: use lower case letters, digits and _, such as "login"',
    );
    expect(gateway.callsTo('/actions')).toHaveLength(0);
  });

  it('rejects custom attributes under the SDK prefix', async () => {
    const client = makeClient();
    await client.initialize();
    const action = client.triggerActionEvent('login', { customAttributes: { vigil_clicks: 9 } });

    await expect(action).rejects.toMatchObject({ code: 'invalid_argument' });
  });

  it('refuses the session token unless enabled', async () => {
    const client = makeClient(false);
    await client.initialize();

    await expect(client.getSessionToken()).rejects.toMatchObject({
      code: 'session_tokens_disabled',
    });
  });

  it('builds a beacon body from the queue', async () => {
    const client = makeClient();
    await client.initialize();
    await client.batcher.flush();
    client.record('visibility_change', { visibility_state: 'hidden' });
    const beacon = client.takeBeaconBody();

    expect(JSON.parse(beacon!.body)).toEqual({
      session_token: 'token-1',
      events: [
        {
          type: 'visibility_change',
          device_time: scheduler.now(),
          attributes: { visibility_state: 'hidden' },
        },
      ],
    });
    expect(client.takeBeaconBody()).toBeUndefined();
  });
});

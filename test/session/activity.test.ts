import { Queue } from 'bullmq';
import IORedis from 'ioredis';
import { Model } from 'mongoose';
import { ClientContext, Topics } from '@vigil/contracts';
import { Device, DeviceSchema } from '@vigil/persistence';
import { expiryJobId, EXPIRY_QUEUE } from '../../services/session/src/expiry/expiry.queue';
import { closeFixtures, database } from '../support/fixtures';
import { TEST_PORTS } from '../support/stack';
import {
  actionTriggered,
  connectKafka,
  envelopeFor,
  IDLE_TIMEOUT_MS,
  newSessionIds,
  produce,
  rbaClients,
  sessionStarted,
  waitForItems,
  waitForSession,
  waitUntilConsuming,
} from './session-harness';

const ACTIVITY = Topics.sessionActivityRecorded;

let kafka: Awaited<ReturnType<typeof connectKafka>>;
let devices: Model<Device>;
let redis: IORedis;
let queue: Queue;
let clients: ClientContext[];

beforeAll(async () => {
  clients = rbaClients();
  kafka = await connectKafka();
  devices = (await database()).model<Device>(Device.name, DeviceSchema);
  redis = new IORedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', {
    maxRetriesPerRequest: null,
  });
  queue = new Queue(EXPIRY_QUEUE, { connection: redis });
  await waitUntilConsuming(kafka.producer);
});

afterAll(async () => {
  await queue.close();
  await redis.quit();
  await kafka.close();
  await closeFixtures();
});

function contextualizedFor(tenantId: string) {
  return () =>
    kafka.recorder.envelopes<'action.contextualized'>(
      Topics.actionContextualized,
      (envelope) => envelope.tenant_id === tenantId,
    );
}

describe('session service', () => {
  it('answers its readiness check', async () => {
    const response = await fetch(`http://127.0.0.1:${TEST_PORTS.session}/health/ready`);
    const body = (await response.json()) as { checks: Record<string, string> };

    expect(response.status).toBe(200);
    expect(body.checks.mongodb).toBe('ok');
    expect(body.checks.redis).toBe('ok');
  });
});

describe('session.started', () => {
  it('creates the session, its device and its expiry timer', async () => {
    const ids = newSessionIds();
    const start = sessionStarted(ids, clients[0]);

    await produce(kafka.producer, ACTIVITY, [start]);
    const session = await waitForSession(ids.sessionId, () => true, 'the device session');
    const device = await devices.findById(ids.deviceId).lean();
    const dueAt = new Date(Date.parse(start.received_at) + IDLE_TIMEOUT_MS);
    const job = await queue.getJob(expiryJobId(ids.sessionId, dueAt));

    expect(session).toMatchObject({
      tenant_id: ids.tenantId,
      device_id: ids.deviceId,
      created_at: new Date(start.received_at),
      started_at: new Date(start.received_at),
      idle_expires_at: dueAt,
      max_expires_at: new Date(start.payload.expires_at),
      ip: clients[0].ip,
      user_agent: clients[0].user_agent,
      correlation_id: start.correlation_id,
      recent_event_ids: [start.event_id],
    });
    expect(device).toMatchObject({
      tenant_id: ids.tenantId,
      session_count: 1,
      last_session_id: ids.sessionId,
      last_seen_at: new Date(start.received_at),
    });
    expect(job?.name).toBe('SessionExpire');
    expect(job?.data).toMatchObject({
      tenant_id: ids.tenantId,
      session_id: ids.sessionId,
      correlation_id: start.correlation_id,
    });
  });
});

describe('action.triggered', () => {
  it('is published with the session context and current user', async () => {
    const ids = newSessionIds();
    const start = sessionStarted(ids, clients[1]);
    const userSet = envelopeFor(ids, 'user.set', { user_id: 'user-ctx', source: 'backend' });
    const action = actionTriggered(ids, 'transaction', clients[1]);

    await produce(kafka.producer, ACTIVITY, [start, userSet, action]);
    const [published] = await waitForItems(contextualizedFor(ids.tenantId), 'the action');
    const record = kafka.recorder.records.find((item) =>
      item.value?.toString('utf8').includes(published.event_id),
    );

    expect(published.payload.action).toEqual(action.payload);
    expect(published.payload.session).toEqual({
      device_id: ids.deviceId,
      started_at: start.received_at,
      current_user_id: 'user-ctx',
      distinct_user_count: 1,
      action_count: 1,
      telemetry_event_count: 0,
      device_attributes: {},
    });
    expect(published.session_id).toBe(ids.sessionId);
    expect(published.correlation_id).toBe(action.correlation_id);
    expect(published.received_at).toBe(action.received_at);
    expect(record?.key).toBe(ids.sessionId);
    expect(published.hops?.gateway_received_ms).toBe(action.hops?.gateway_received_ms);
    expect(published.hops?.session_consumed_ms).toBeGreaterThanOrEqual(
      action.hops!.gateway_published_ms!,
    );
    expect(published.hops?.session_published_ms).toBeGreaterThanOrEqual(
      published.hops!.session_consumed_ms!,
    );
  });
});

describe('user changes', () => {
  it('set the user on a successful login and pass it to later actions', async () => {
    const ids = newSessionIds();
    const login = actionTriggered(ids, 'login', clients[2]);
    const result = envelopeFor(ids, 'action.result-reported', {
      action_id: login.payload.action_id,
      action_type: 'login',
      result: 'success',
      user_id: 'user-login',
    });
    const transfer = actionTriggered(ids, 'transaction', clients[2]);

    await produce(kafka.producer, ACTIVITY, [
      sessionStarted(ids, clients[2]),
      login,
      result,
      transfer,
    ]);
    const published = await waitForItems(contextualizedFor(ids.tenantId), 'both actions', 2);
    const session = await waitForSession(ids.sessionId, (s) => s.action_count === 2, 'actions');
    const contextOf = (actionId: string) =>
      published.find((item) => item.payload.action.action_id === actionId)?.payload.session;

    expect(contextOf(login.payload.action_id)?.current_user_id).toBeUndefined();
    expect(contextOf(transfer.payload.action_id)?.current_user_id).toBe('user-login');
    expect(session.user_history[0]).toMatchObject({
      user_id: 'user-login',
      set_by: 'login',
      set_at: new Date(result.received_at),
    });
  });

  it('clear the user on user.cleared', async () => {
    const ids = newSessionIds();
    const userSet = envelopeFor(ids, 'user.set', { user_id: 'user-clear', source: 'sdk' });
    const cleared = envelopeFor(ids, 'user.cleared', { source: 'sdk' });

    await produce(kafka.producer, ACTIVITY, [sessionStarted(ids, clients[3]), userSet, cleared]);
    const session = await waitForSession(
      ids.sessionId,
      (s) => s.user_history[0]?.cleared_by !== undefined,
      'the user to be cleared',
    );

    expect(session.current_user_id).toBeNull();
    expect(session.user_history).toEqual([
      {
        user_id: 'user-clear',
        set_at: new Date(userSet.received_at),
        set_by: 'sdk',
        cleared_at: new Date(cleared.received_at),
        cleared_by: 'explicit',
      },
    ]);
  });
});

describe('replayed activity', () => {
  it('is skipped without counting or publishing again', async () => {
    const ids = newSessionIds();
    const action = actionTriggered(ids, 'checkout', clients[4]);
    await produce(kafka.producer, ACTIVITY, [sessionStarted(ids, clients[4]), action]);
    await waitForSession(ids.sessionId, (s) => s.action_count === 1, 'the first action');
    await waitForItems(contextualizedFor(ids.tenantId), 'the first publication');
    const marker = envelopeFor(ids, 'user.set', { user_id: 'user-after-replay', source: 'sdk' });

    await produce(kafka.producer, ACTIVITY, [action, marker]);
    const session = await waitForSession(
      ids.sessionId,
      (s) => s.current_user_id === 'user-after-replay',
      'the event after the replay',
    );
    // A second publication would precede the marker's write; give the recorder time to read it.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const published = contextualizedFor(ids.tenantId)();

    expect(session.action_count).toBe(1);
    expect(published).toHaveLength(1);
    expect(session.recent_event_ids.filter((id) => id === action.event_id)).toHaveLength(1);
  });
});

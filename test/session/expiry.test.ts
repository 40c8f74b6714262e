import { ClientContext, Topics } from '@vigil/contracts';
import { DeviceSession, DeviceSessionSchema } from '@vigil/persistence';
import { closeFixtures, database } from '../support/fixtures';
import {
  actionTriggered,
  connectKafka,
  envelopeFor,
  fingerprintTelemetry,
  IDLE_TIMEOUT_MS,
  newSessionIds,
  produce,
  rbaClients,
  sessionStarted,
  telemetryRecorded,
  waitForItems,
  waitForSession,
  waitUntilConsuming,
} from './session-harness';

let kafka: Awaited<ReturnType<typeof connectKafka>>;
let clients: ClientContext[];

function expiryEventsOf(sessionId: string) {
  return () =>
    kafka.recorder.envelopes<'device-session.expired'>(
      Topics.deviceSessionExpired,
      (envelope) => envelope.session_id === sessionId,
    );
}

beforeAll(async () => {
  clients = rbaClients();
  kafka = await connectKafka();
  await waitUntilConsuming(kafka.producer);
});

afterAll(async () => {
  await kafka.close();
  await closeFixtures();
});

describe('expiry timer', () => {
  it('expires an idle session, clears its user and publishes the expiry', async () => {
    const ids = newSessionIds();
    const start = sessionStarted(ids, clients[5]);
    const userSet = envelopeFor(ids, 'user.set', { user_id: 'user-idle', source: 'sdk' });

    await produce(kafka.producer, Topics.sessionActivityRecorded, [start, userSet]);
    const session = await waitForSession(ids.sessionId, (s) => s.state === 'expired', 'expiry');
    const expiredAt = new Date(Date.parse(userSet.received_at) + IDLE_TIMEOUT_MS);
    const [published] = await waitForItems(expiryEventsOf(ids.sessionId), 'the expiry event');

    expect(session).toMatchObject({
      expiry_reason: 'idle_timeout',
      expired_at: expiredAt,
      current_user_id: null,
    });
    expect(session.user_history).toEqual([
      {
        user_id: 'user-idle',
        set_at: new Date(userSet.received_at),
        set_by: 'sdk',
        cleared_at: expiredAt,
        cleared_by: 'expired',
      },
    ]);
    expect(published.tenant_id).toBe(ids.tenantId);
    expect(published.correlation_id).toBe(start.correlation_id);
    expect(published.payload).toEqual({
      device_id: ids.deviceId,
      reason: 'idle_timeout',
      cleared_user_id: 'user-idle',
      expired_at: expiredAt.toISOString(),
    });
  });

  it('never revives a session for late telemetry and actions', async () => {
    const ids = newSessionIds();
    await produce(kafka.producer, Topics.sessionActivityRecorded, [
      sessionStarted(ids, clients[6]),
    ]);
    const expired = await waitForSession(ids.sessionId, (s) => s.state === 'expired', 'expiry');
    const telemetry = [1, 2, 3].map((batch) =>
      telemetryRecorded(ids, fingerprintTelemetry(4, batch * 4), clients[6]),
    );
    const lateAction = actionTriggered(ids, 'password_reset', clients[6]);

    await produce(kafka.producer, Topics.telemetryRecorded, telemetry);
    await produce(kafka.producer, Topics.sessionActivityRecorded, [lateAction]);
    const session = await waitForSession(
      ids.sessionId,
      (s) => s.late_event_count === 12 + 1,
      'the late events to be counted',
    );
    const [published] = await waitForItems(
      () =>
        kafka.recorder.envelopes<'action.contextualized'>(
          Topics.actionContextualized,
          (envelope) => envelope.session_id === ids.sessionId,
        ),
      'the late action',
    );

    expect(session.state).toBe('expired');
    expect(session.expired_at).toEqual(expired.expired_at);
    expect(session.last_seen_at).toEqual(expired.last_seen_at);
    expect(session.telemetry_event_count).toBe(0);
    expect(session.device_attributes).toEqual({});
    expect(session.action_count).toBe(0);
    expect(published.payload.action.action_id).toBe(lateAction.payload.action_id);
    expect(published.payload.session.action_count).toBe(0);
  });

  it('expires a busy session at the end of its maximum lifetime', async () => {
    const ids = newSessionIds();
    const maxExpiresAt = new Date(Date.now() + 1_500);
    const start = sessionStarted(ids, clients[7], maxExpiresAt);
    const action = actionTriggered(ids, 'login', clients[7]);

    await produce(kafka.producer, Topics.sessionActivityRecorded, [start, action]);
    const session = await waitForSession(ids.sessionId, (s) => s.state === 'expired', 'expiry');
    const [published] = await waitForItems(expiryEventsOf(ids.sessionId), 'the expiry event');

    expect(session.expiry_reason).toBe('max_lifetime');
    expect(session.expired_at).toEqual(maxExpiresAt);
    expect(published.payload.reason).toBe('max_lifetime');
    expect(published.payload).not.toHaveProperty('cleared_user_id');
  });
});

describe('expiry sweep', () => {
  it('expires an overdue session whose timer was lost', async () => {
    const ids = newSessionIds();
    const lastSeenAt = new Date(Date.now() - 20_000);
    const sessions = (await database()).model<DeviceSession>(
      DeviceSession.name,
      DeviceSessionSchema,
    );
    // Written as the service would, but with no timer in Redis, as after a loss of Redis data.
    await sessions.create({
      _id: ids.sessionId,
      tenant_id: ids.tenantId,
      device_id: ids.deviceId,
      state: 'active',
      created_at: lastSeenAt,
      started_at: lastSeenAt,
      correlation_id: `corr-${ids.sessionId}`,
      last_seen_at: lastSeenAt,
      idle_expires_at: new Date(lastSeenAt.getTime() + IDLE_TIMEOUT_MS),
      max_expires_at: new Date(lastSeenAt.getTime() + 3600_000),
      current_user_id: 'user-swept',
      user_history: [{ user_id: 'user-swept', set_at: lastSeenAt, set_by: 'backend' }],
    });

    const session = await waitForSession(ids.sessionId, (s) => s.state === 'expired', 'the sweep');
    const [published] = await waitForItems(expiryEventsOf(ids.sessionId), 'the expiry event');

    expect(session.expiry_reason).toBe('idle_timeout');
    expect(session.expired_at).toEqual(new Date(lastSeenAt.getTime() + IDLE_TIMEOUT_MS));
    expect(session.user_history[0].cleared_by).toBe('expired');
    expect(published.correlation_id).toBe(`corr-${ids.sessionId}`);
    expect(published.payload.cleared_user_id).toBe('user-swept');
  });
});

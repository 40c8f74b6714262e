import { Topics } from '@vigil/contracts';
import {
  connectKafka,
  envelopeFor,
  newSessionIds,
  produce,
  rbaClients,
  sessionStarted,
  SessionIds,
  actionTriggered,
  waitForSession,
  waitUntilConsuming,
} from '../session/session-harness';
import { randomUUID } from 'node:crypto';
import { Tenant, TenantSchema } from '@vigil/persistence';
import { closeFixtures, database, findDeviceSession } from '../support/fixtures';
import { killTestService, restartTestService } from '../support/service-control';

const SESSIONS = 40;
/** Long enough that no session idles out while the test sets it up on a busy machine. */
const IDLE_TIMEOUT_SECONDS = 15;
/** The killed consumer's group session and BullMQ's stalled-job check both take up to 30 s. */
const RECOVERY_MS = 120_000;

let kafka: Awaited<ReturnType<typeof connectKafka>>;

beforeAll(async () => {
  kafka = await connectKafka();
  await waitUntilConsuming(kafka.producer);
});

afterAll(async () => {
  await kafka.close();
  await closeFixtures();
});

/** Creates a tenant whose sessions idle out after IDLE_TIMEOUT_SECONDS. */
async function tenantWithIdleTimeout(): Promise<string> {
  const tenantId = `t-crash-${randomUUID().slice(0, 8)}`;
  const tenants = (await database()).model(Tenant.name, TenantSchema);
  await tenants.create({
    _id: tenantId,
    name: tenantId,
    created_at: new Date(),
    session_policy: { idle_timeout_seconds: IDLE_TIMEOUT_SECONDS },
  });

  return tenantId;
}

function userSet(ids: SessionIds, userId: string) {
  return envelopeFor(ids, 'user.set', { user_id: userId, source: 'sdk' });
}

describe('session service killed with SIGKILL in the middle of a batch', () => {
  it(
    'loses no user, clears none twice, and still expires every session',
    async () => {
      const clients = rbaClients();
      const tenantId = await tenantWithIdleTimeout();
      const sessions = Array.from({ length: SESSIONS }, () => ({ ...newSessionIds(), tenantId }));
      await produce(
        kafka.producer,
        Topics.sessionActivityRecorded,
        sessions.flatMap((ids, i) => [
          sessionStarted(ids, clients[i % clients.length]),
          userSet(ids, `first-${i}`),
        ]),
      );
      await Promise.all(
        sessions.map((ids, i) =>
          waitForSession(ids.sessionId, (s) => s.current_user_id === `first-${i}`, 'first user'),
        ),
      );

      const burst = sessions.flatMap((ids, i) => [
        userSet(ids, `second-${i}`),
        actionTriggered(ids, 'transaction', clients[i % clients.length]),
      ]);
      await produce(kafka.producer, Topics.sessionActivityRecorded, burst);
      await new Promise((resolve) => setTimeout(resolve, 150));
      await killTestService('session', 'SIGKILL');
      await restartTestService('session');

      const finished = await Promise.all(
        sessions.map((ids) =>
          waitForSession(ids.sessionId, (s) => s.state === 'expired', 'expiry', RECOVERY_MS),
        ),
      );
      const expiredEvents = kafka.recorder.envelopes<'device-session.expired'>(
        Topics.deviceSessionExpired,
        (envelope) => sessions.some((ids) => ids.sessionId === envelope.session_id),
      );

      finished.forEach((session, i) => {
        expect(session.expiry_reason).toBe('idle_timeout');
        expect(session.current_user_id).toBeNull();
        expect(session.action_count).toBe(1);
        expect(session.user_history).toEqual([
          expect.objectContaining({ user_id: `first-${i}`, cleared_by: 'replaced' }),
          expect.objectContaining({ user_id: `second-${i}`, cleared_by: 'expired' }),
        ]);
      });
      expect(new Set(expiredEvents.map((event) => event.session_id)).size).toBe(SESSIONS);
      for (const event of expiredEvents) {
        const i = sessions.findIndex((ids) => ids.sessionId === event.session_id);
        expect(event.payload.cleared_user_id).toBe(`second-${i}`);
      }
      expect((await findDeviceSession(sessions[0].sessionId))?.expiry_published_at).toBeDefined();
    },
    RECOVERY_MS + 60_000,
  );
});

import jwt from 'jsonwebtoken';
import { startService, ServiceName } from '../../deploy/runtime/service-processes';
import {
  DeviceSession,
  DeviceSessionSchema,
  Recommendation,
  RecommendationSchema,
} from '@vigil/persistence';
import { ProvisionedApplication } from '../../services/gateway/src/credentials/tenant-provisioning';
import { accessToken, send } from '../pipeline/http';
import { fingerprintTelemetry } from '../session/session-harness';
import { closeFixtures, createTenant, database } from '../support/fixtures';
import { TEST_PORTS } from '../support/stack';
import {
  isRunning,
  readServicePids,
  recordServicePids,
  TEST_LOG_DIRECTORY,
  testServiceEnvironment,
} from '../support/test-services';
import { StartedSession, startSession, waitFor } from './ops-helpers';

const DEVICES = 4;
const EVENTS_PER_REQUEST = 2;

/** What the load saw: telemetry events and action ids the gateway acknowledged, other answers. */
interface LoadResult {
  acceptedEvents: Map<string, number>;
  actionIds: Map<string, string[]>;
  statuses: Map<string, number>;
}

let tenant: ProvisionedApplication;
let bearer: string;

beforeAll(async () => {
  tenant = await createTenant('shutdown');
  bearer = await accessToken(tenant.client_id, tenant.client_secret);
});

afterAll(closeFixtures);

/** Sends telemetry and backend actions for each session until `stop` is called. */
function startLoad(sessions: StartedSession[]) {
  const result: LoadResult = {
    acceptedEvents: new Map(),
    actionIds: new Map(),
    statuses: new Map(),
  };
  let running = true;
  const count = (status: string) =>
    result.statuses.set(status, (result.statuses.get(status) ?? 0) + 1);
  const worker = async (session: StartedSession, index: number) => {
    for (let round = 0; running; round += 1) {
      const status = await sendOne(session, index * 1000 + round, result).catch(() => 'error');
      count(status);
      if (status === 'error' || status === '503') {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
  };
  const workers = sessions.map((session, index) => worker(session, index));

  return async (): Promise<LoadResult> => {
    running = false;
    await Promise.all(workers);

    return result;
  };
}

async function sendOne(session: StartedSession, round: number, result: LoadResult) {
  if (round % 2 === 0) {
    const events = fingerprintTelemetry(EVENTS_PER_REQUEST, round % 1000);
    const response = await send('POST', '/risk-collect/v1/telemetry', {
      session_token: session.session_token,
      events,
    });
    if (response.status === 202) {
      const accepted = result.acceptedEvents.get(session.session_id) ?? 0;
      result.acceptedEvents.set(session.session_id, accepted + events.length);
    }

    return String(response.status);
  }
  const response = await send(
    'POST',
    '/risk/v1/action/trigger-action',
    { session_token: session.session_token, action_type: 'transaction' },
    { authorization: `Bearer ${bearer}` },
  );
  if (response.status === 201) {
    const claims = jwt.decode(response.body.action_token as string) as { aid: string };
    result.actionIds.set(session.session_id, [
      ...(result.actionIds.get(session.session_id) ?? []),
      claims.aid,
    ]);
  }

  return String(response.status);
}

/** Sends SIGTERM to a test service, waits for it to exit, and starts it again on its port. */
async function restartWithSigterm(name: ServiceName): Promise<number> {
  const pid = readServicePids()[name];
  if (pid === undefined) {
    throw new Error(`no process id recorded for ${name}; was it started by the global setup?`);
  }
  const started = Date.now();
  process.kill(pid, 'SIGTERM');
  await waitFor(() => !isRunning(pid), 30_000);
  const stoppedAfterMs = Date.now() - started;
  const service = await startService({
    name,
    port: TEST_PORTS[name],
    env: testServiceEnvironment(),
    logDirectory: TEST_LOG_DIRECTORY,
  });
  recordServicePids([service]);

  return stoppedAfterMs;
}

/**
 * Returns, per session, what the session service counted: telemetry events applied plus events
 * counted as late because the session had expired (an action can be late too, when the idle
 * timeout passed while the service restarted).
 */
async function storedEventCounts(sessionIds: string[]): Promise<Map<string, number>> {
  const db = await database();
  const documents = await db
    .model(DeviceSession.name, DeviceSessionSchema)
    .find({ _id: { $in: sessionIds } })
    .lean();

  return new Map(
    documents.map((doc) => [String(doc._id), doc.telemetry_event_count + doc.late_event_count]),
  );
}

async function storedActionIds(actionIds: string[]): Promise<Set<string>> {
  const db = await database();
  const documents = await db
    .model(Recommendation.name, RecommendationSchema)
    .find({ _id: { $in: actionIds } }, { _id: 1 })
    .lean();

  return new Set(documents.map((doc) => String(doc._id)));
}

/**
 * Returns, per session, the count the session service must reach when nothing acknowledged was
 * lost and nothing was applied twice: every accepted telemetry event, plus every acknowledged
 * action that has no recommendation (it can only have been counted as late).
 */
async function expectedEventCounts(load: LoadResult): Promise<Map<string, number>> {
  const allActions = [...load.actionIds.values()].flat();
  const scored = await storedActionIds(allActions);
  const expected = new Map(load.acceptedEvents);
  for (const [sessionId, actionIds] of load.actionIds) {
    const late = actionIds.filter((id) => !scored.has(id)).length;
    expected.set(sessionId, (expected.get(sessionId) ?? 0) + late);
  }

  return expected;
}

async function countsMatch(load: LoadResult, sessionIds: string[]): Promise<boolean> {
  const expected = await expectedEventCounts(load);
  const stored = await storedEventCounts(sessionIds);

  return [...expected].every(([id, count]) => stored.get(id) === count);
}

describe('SIGTERM under load', () => {
  it('loses nothing acknowledged and applies nothing twice', async () => {
    const sessions: StartedSession[] = [];
    for (let index = 0; index < DEVICES; index += 1) {
      sessions.push(await startSession(tenant, 10 + index));
    }
    const stopLoad = startLoad(sessions);
    await new Promise((resolve) => setTimeout(resolve, 1_500));

    const sessionStopMs = await restartWithSigterm('session');
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const gatewayStopMs = await restartWithSigterm('gateway');
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const load = await stopLoad();
    const sessionIds = sessions.map((session) => session.session_id);
    const converged = await waitFor(() => countsMatch(load, sessionIds), 30_000);
    // A committed batch consumed again after the restart would raise the counts from here on.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const expected = Object.fromEntries(await expectedEventCounts(load));
    const stored = Object.fromEntries(await storedEventCounts(sessionIds));
    const actions = [...load.actionIds.values()].flat();
    const scored = await storedActionIds(actions);
    // 503 is `shutting_down` or `publish_failed`, 401 `token_expired`; errors are refused connections.
    const unexpected = [...load.statuses.keys()].filter(
      (status) => !['201', '202', '401', '503', 'error'].includes(status),
    );

    expect(sessionStopMs).toBeLessThan(15_000);
    expect(gatewayStopMs).toBeLessThan(15_000);
    expect(load.statuses.get('202')).toBeGreaterThan(0);
    expect(scored.size).toBeGreaterThan(0);
    expect(converged).toBe(true);
    expect(stored).toEqual(expected);
    expect(unexpected).toEqual([]);
  }, 120_000);
});

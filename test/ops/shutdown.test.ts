import jwt from 'jsonwebtoken';
import { ServiceName, startService } from '../../deploy/runtime/service-processes';
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

/** Sessions that only send telemetry, and sessions that only trigger actions. */
const TELEMETRY_SESSIONS = 3;
const ACTION_SESSIONS = 2;
const EVENTS_PER_REQUEST = 2;

/** What the gateway acknowledged, per session, and how many responses had each status. */
interface LoadResult {
  acceptedEvents: Map<string, number>;
  actionIds: Map<string, string[]>;
  statuses: Map<string, number>;
}

type Sender = (session: StartedSession, round: number, result: LoadResult) => Promise<number>;

let tenant: ProvisionedApplication;
let bearer: string;

beforeAll(async () => {
  tenant = await createTenant('shutdown');
  bearer = await accessToken(tenant.client_id, tenant.client_secret);
});

afterAll(closeFixtures);

/** Runs one sending loop per session until the returned function is called. */
function startLoad(work: [StartedSession, Sender][]) {
  const result: LoadResult = {
    acceptedEvents: new Map(),
    actionIds: new Map(),
    statuses: new Map(),
  };
  let running = true;
  const loop = async ([session, sender]: [StartedSession, Sender], index: number) => {
    for (let round = 0; running; round += 1) {
      const status = await sender(session, index * 100 + round, result).then(String, () => 'error');
      result.statuses.set(status, (result.statuses.get(status) ?? 0) + 1);
      if (status === 'error' || status === '503') {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
  };
  const loops = work.map(loop);

  return async (): Promise<LoadResult> => {
    running = false;
    await Promise.all(loops);

    return result;
  };
}

const sendTelemetry: Sender = async (session, round, result) => {
  const events = fingerprintTelemetry(EVENTS_PER_REQUEST, round % 1000);
  const response = await send('POST', '/risk-collect/v1/telemetry', {
    session_token: session.session_token,
    events,
  });
  if (response.status === 202) {
    const accepted = result.acceptedEvents.get(session.session_id) ?? 0;
    result.acceptedEvents.set(session.session_id, accepted + events.length);
  }

  return response.status;
};

const triggerAction: Sender = async (session, _round, result) => {
  const response = await send(
    'POST',
    '/risk/v1/action/trigger-action',
    { session_token: session.session_token, action_type: 'transaction' },
    { authorization: `Bearer ${bearer}` },
  );
  if (response.status === 201) {
    const { aid } = jwt.decode(response.body.action_token as string) as { aid: string };
    result.actionIds.set(session.session_id, [
      ...(result.actionIds.get(session.session_id) ?? []),
      aid,
    ]);
  }

  return response.status;
};

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
 * Returns, per session, the telemetry events the session service counted: applied, or counted as
 * late because the 3 s idle timeout passed while a service restarted.
 */
async function storedCounts(sessionIds: string[]) {
  const db = await database();
  const documents = await db
    .model(DeviceSession.name, DeviceSessionSchema)
    .find({ _id: { $in: sessionIds } })
    .lean();

  return Object.fromEntries(
    documents.map((doc) => [
      String(doc._id),
      { events: doc.telemetry_event_count + doc.late_event_count, late: doc.late_event_count },
    ]),
  );
}

async function scoredActionIds(actionIds: string[]): Promise<Set<string>> {
  const db = await database();
  const documents = await db
    .model(Recommendation.name, RecommendationSchema)
    .find({ _id: { $in: actionIds } }, { _id: 1 })
    .lean();

  return new Set(documents.map((doc) => String(doc._id)));
}

async function eventCountsMatch(load: LoadResult): Promise<boolean> {
  const stored = await storedCounts([...load.acceptedEvents.keys()]);

  return [...load.acceptedEvents].every(([id, count]) => stored[id]?.events === count);
}

/**
 * Returns the acknowledged actions that have neither a recommendation nor a late count on their
 * session: an action is late, and not scored, when its session expired during a restart.
 */
async function unaccountedActions(load: LoadResult): Promise<string[]> {
  const scored = await scoredActionIds([...load.actionIds.values()].flat());
  const stored = await storedCounts([...load.actionIds.keys()]);
  const unaccounted: string[] = [];
  for (const [sessionId, actionIds] of load.actionIds) {
    const missing = actionIds.filter((id) => !scored.has(id));
    unaccounted.push(...missing.slice(stored[sessionId]?.late ?? 0));
  }

  return unaccounted;
}

describe('SIGTERM under load', () => {
  it('loses nothing acknowledged and applies no telemetry twice', async () => {
    const telemetrySessions: StartedSession[] = [];
    const actionSessions: StartedSession[] = [];
    for (let index = 0; index < TELEMETRY_SESSIONS + ACTION_SESSIONS; index += 1) {
      const session = await startSession(tenant, 10 + index);
      (index < TELEMETRY_SESSIONS ? telemetrySessions : actionSessions).push(session);
    }
    const stopLoad = startLoad([
      ...telemetrySessions.map((session): [StartedSession, Sender] => [session, sendTelemetry]),
      ...actionSessions.map((session): [StartedSession, Sender] => [session, triggerAction]),
    ]);
    await new Promise((resolve) => setTimeout(resolve, 1_500));

    // The gateway first: it restarts within the 3 s idle timeout, so the actions around it are
    // scored. Sessions expire while the session service restarts, and later actions count as late.
    const gatewayStopMs = await restartWithSigterm('gateway');
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const sessionStopMs = await restartWithSigterm('session');
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const load = await stopLoad();
    await waitFor(() => eventCountsMatch(load), 30_000);
    await waitFor(async () => (await unaccountedActions(load)).length === 0, 30_000);
    // A committed batch consumed again after the restart would raise the counts from here on.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const stored = await storedCounts([...load.acceptedEvents.keys()]);
    const storedEvents = Object.fromEntries(
      Object.entries(stored).map(([id, counts]) => [id, counts.events]),
    );
    // A 503 is `shutting_down` or `publish_failed` and a 401 is `token_expired`. Errors are refused
    // connections while a gateway restarts.
    const unexpected = [...load.statuses.keys()].filter(
      (status) => !['201', '202', '401', '503', 'error'].includes(status),
    );

    expect(sessionStopMs).toBeLessThan(15_000);
    expect(gatewayStopMs).toBeLessThan(15_000);
    expect(load.statuses.get('202')).toBeGreaterThan(0);
    expect(load.statuses.get('201')).toBeGreaterThan(0);
    expect(storedEvents).toEqual(Object.fromEntries(load.acceptedEvents));
    expect(await unaccountedActions(load)).toEqual([]);
    expect((await scoredActionIds([...load.actionIds.values()].flat())).size).toBeGreaterThan(0);
    expect(unexpected).toEqual([]);
  }, 120_000);
});

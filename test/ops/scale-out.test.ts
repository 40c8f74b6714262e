import jwt from 'jsonwebtoken';
import { Admin, AssignerProtocol, Partitioners } from 'kafkajs';
import { Topics } from '@vigil/contracts';
import { decodeMember } from '@vigil/messaging';
import {
  DeviceSession,
  DeviceSessionSchema,
  Recommendation,
  RecommendationSchema,
} from '@vigil/persistence';
import {
  RunningService,
  ServiceName,
  startService,
  stopService,
} from '../../deploy/runtime/service-processes';
import {
  SESSION_CONSUMER_GROUP,
  SESSION_TOPICS,
} from '../../services/session/src/session-consumer-group';
import { send } from '../pipeline/http';
import { fingerprintTelemetry } from '../session/session-harness';
import { closeFixtures, database, testKafka } from '../support/fixtures';
import { TEST_LOG_DIRECTORY, testServiceEnvironment } from '../support/test-services';
import { BackendTenant, backendTenant } from '../lifecycle/lifecycle.fixture';
import { StartedSession, startSession, waitFor } from './ops-helpers';

/** The second instance of each consumer service, beside the one the global setup started. */
const SECOND_INSTANCE_PORTS = { session: 18083, scoring: 18084 } as const;
const SCORING_GROUP = 'vigil-scoring-actions';
const PARTITIONS = Array.from({ length: 12 }, (_, partition) => partition);
const SESSIONS = 16;
const EVENTS_PER_REQUEST = 2;
/** Long enough that no session idles out while a killed instance's partitions wait. */
const IDLE_TIMEOUT_SECONDS = 600;
/** A killed member keeps its partitions until its 30 s group session runs out. */
const HANDOVER_MS = 90_000;

interface Member {
  instance: string;
  partitions: Record<string, number[]>;
}

/** What the gateway acknowledged for one device session, in the order it acknowledged it. */
interface SessionLoad {
  session: StartedSession;
  events: number;
  users: string[];
  actionIds: string[];
  failures: string[];
}

let admin: Admin;
let tenant: BackendTenant;
const second: Partial<Record<ServiceName, RunningService>> = {};

beforeAll(async () => {
  admin = testKafka().admin();
  await admin.connect();
  tenant = await backendTenant('scale-out');
  const policy = await send(
    'PUT',
    '/risk/v1/settings/session',
    { idle_timeout_seconds: IDLE_TIMEOUT_SECONDS, max_lifetime_seconds: 2 * IDLE_TIMEOUT_SECONDS },
    tenant.bearer,
  );
  expect(policy.status).toBe(200);
});

afterAll(async () => {
  await Promise.all(Object.values(second).map((service) => stopService(service!)));
  await admin.disconnect();
  await closeFixtures();
});

async function startSecond(name: 'session' | 'scoring'): Promise<void> {
  second[name] = await startService({
    name,
    port: SECOND_INSTANCE_PORTS[name],
    env: testServiceEnvironment(),
    logDirectory: TEST_LOG_DIRECTORY,
  });
}

async function killSecond(name: 'session' | 'scoring'): Promise<void> {
  await stopService(second[name]!, 'SIGKILL');
}

/** Returns the members of a stable group, each with its process (or member id) and partitions. */
async function stableMembers(groupId: string): Promise<Member[] | undefined> {
  const {
    groups: [group],
  } = await admin.describeGroups([groupId]);
  if (group.state !== 'Stable') {
    return undefined;
  }

  return group.members.map((member) => ({
    instance: decodeMember(member.memberId, member.memberMetadata)?.instanceId ?? member.memberId,
    partitions: AssignerProtocol.MemberAssignment.decode(member.memberAssignment)?.assignment ?? {},
  }));
}

/** Returns the partitions of `topic` per process, merged over the process's members. */
function partitionsByInstance(members: Member[], topic: string): Map<string, number[]> {
  const byInstance = new Map<string, number[]>();
  for (const { instance, partitions } of members) {
    const merged = [...(byInstance.get(instance) ?? []), ...(partitions[topic] ?? [])];
    byInstance.set(
      instance,
      merged.sort((a, b) => a - b),
    );
  }

  return byInstance;
}

/**
 * Returns whether `instances` processes share every partition of the session topics, each process
 * with the same partition numbers of both.
 */
async function sessionGroupSpreadOver(instances: number): Promise<boolean> {
  const members = await stableMembers(SESSION_CONSUMER_GROUP);
  if (!members) {
    return false;
  }
  const [telemetry, activity] = SESSION_TOPICS.map((topic) => partitionsByInstance(members, topic));
  const withPartitions = [...telemetry.values()].filter((partitions) => partitions.length > 0);

  return (
    withPartitions.length === instances &&
    [...telemetry].every(([instance, partitions]) =>
      sameList(activity.get(instance), partitions),
    ) &&
    sameList(
      withPartitions.flat().sort((a, b) => a - b),
      PARTITIONS,
    )
  );
}

async function scoringGroupSpreadOver(instances: number): Promise<boolean> {
  const members = await stableMembers(SCORING_GROUP);
  const byInstance = members && partitionsByInstance(members, Topics.actionContextualized);
  const withPartitions = [...(byInstance?.values() ?? [])].filter(
    (partitions) => partitions.length > 0,
  );

  return (
    withPartitions.length === instances &&
    sameList(
      withPartitions.flat().sort((a, b) => a - b),
      PARTITIONS,
    )
  );
}

function sameList(a: number[] | undefined, b: number[]): boolean {
  return a !== undefined && a.length === b.length && a.every((value, index) => value === b[index]);
}

/** Returns the records one service instance consumed from `topic`, read from its /metrics. */
async function consumedBy(port: number, topic: string): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  const line = text
    .split('\n')
    .find(
      (row) =>
        row.startsWith('vigil_kafka_records_consumed_total{') && row.includes(`topic="${topic}"`),
    );

  return line ? Number(line.split(' ').at(-1)) : 0;
}

/** Sends telemetry, then a new user, then an action, for one session until `running` is false. */
async function drive(load: SessionLoad, running: () => boolean): Promise<void> {
  const token = { session_token: load.session.session_token };
  for (let round = 0; running(); round += 1) {
    const telemetry = await send('POST', '/risk-collect/v1/telemetry', {
      ...token,
      events: fingerprintTelemetry(EVENTS_PER_REQUEST, round % 1000),
    });
    record(load, 'telemetry', telemetry.status, 202, () => (load.events += EVENTS_PER_REQUEST));
    const userId = `${load.session.session_id}-user-${round}`;
    const user = await send('POST', '/risk-collect/v1/user', { ...token, user_id: userId });
    record(load, 'user', user.status, 202, () => load.users.push(userId));
    const action = await send(
      'POST',
      '/risk/v1/action/trigger-action',
      { ...token, action_type: 'transaction' },
      tenant.bearer,
    );
    record(load, 'action', action.status, 201, () => {
      const { aid } = jwt.decode(action.body.action_token as string) as { aid: string };
      load.actionIds.push(aid);
    });
  }
}

function record(load: SessionLoad, call: string, status: number, ok: number, accept: () => void) {
  if (status === ok) {
    accept();
  } else {
    load.failures.push(`${call} answered ${status}`);
  }
}

function startLoad(sessions: StartedSession[]) {
  const loads: SessionLoad[] = sessions.map((session) => ({
    session,
    events: 0,
    users: [],
    actionIds: [],
    failures: [],
  }));
  let running = true;
  const loops = loads.map((load) => drive(load, () => running));
  const stop = async (): Promise<SessionLoad[]> => {
    running = false;
    await Promise.all(loops);

    return loads;
  };

  return { loads, stop };
}

/** Returns the telemetry partition of a session, as the gateway's producer picks it. */
function partitionOf(sessionId: string): number {
  const partitionMetadata = PARTITIONS.map((partitionId) => ({
    partitionId,
    leader: 0,
    partitionErrorCode: 0,
    replicas: [0],
    isr: [0],
  }));

  return Partitioners.DefaultPartitioner()({
    topic: Topics.telemetryRecorded,
    partitionMetadata,
    message: { key: sessionId, value: null },
  });
}

/** Returns the processes of the session group, once it is stable. */
async function sessionInstances(): Promise<Set<string>> {
  return new Set((await stableMembers(SESSION_CONSUMER_GROUP))?.map((member) => member.instance));
}

async function storedSessions(loads: SessionLoad[]): Promise<Map<string, DeviceSession>> {
  const documents = await (
    await database()
  )
    .model(DeviceSession.name, DeviceSessionSchema)
    .find({ _id: { $in: loads.map((load) => load.session.session_id) } })
    .lean();

  return new Map(documents.map((doc) => [String(doc._id), doc as DeviceSession]));
}

/** Returns whether every stored session counts exactly what the gateway acknowledged for it. */
async function allApplied(loads: SessionLoad[]): Promise<boolean> {
  const stored = await storedSessions(loads);

  return loads.every((load) => {
    const doc = stored.get(load.session.session_id);

    return (
      doc?.telemetry_event_count === load.events &&
      doc.action_count === load.actionIds.length &&
      doc.current_user_id === load.users.at(-1)
    );
  });
}

async function scoredCount(loads: SessionLoad[]): Promise<number> {
  return (await database())
    .model(Recommendation.name, RecommendationSchema)
    .countDocuments({ _id: { $in: loads.flatMap((load) => load.actionIds) } });
}

describe('two session services and two scoring services on one broker', () => {
  it(
    'keep each session in order, hand a killed instance its partitions over, and apply each event once',
    async () => {
      expect(await waitFor(() => sessionGroupSpreadOver(1), HANDOVER_MS)).toBe(true);
      const firstInstance = [...(await sessionInstances())][0];
      await Promise.all([startSecond('session'), startSecond('scoring')]);
      expect(await waitFor(() => sessionGroupSpreadOver(2), HANDOVER_MS)).toBe(true);
      expect(await waitFor(() => scoringGroupSpreadOver(2), HANDOVER_MS)).toBe(true);
      const members = (await stableMembers(SESSION_CONSUMER_GROUP))!;
      const killedPartitions = [...partitionsByInstance(members, Topics.telemetryRecorded)]
        .filter(([instance]) => instance !== firstInstance)
        .flatMap(([, partitions]) => partitions);

      const sessions: StartedSession[] = [];
      for (let index = 0; index < SESSIONS; index += 1) {
        sessions.push(await startSession(tenant.tenant, 40 + index));
      }
      const load = startLoad(sessions);
      const secondConsumed = async () =>
        (await consumedBy(SECOND_INSTANCE_PORTS.session, Topics.telemetryRecorded)) > 0 &&
        (await consumedBy(SECOND_INSTANCE_PORTS.session, Topics.sessionActivityRecorded)) > 0 &&
        (await consumedBy(SECOND_INSTANCE_PORTS.scoring, Topics.actionContextualized)) > 0;
      expect(await waitFor(secondConsumed, 30_000)).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 2_000));

      await Promise.all([killSecond('session'), killSecond('scoring')]);
      const killedAt = Date.now();
      const eventsAtKill = load.loads.map((item) => item.events);
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      const loads = await load.stop();
      // Sessions on the killed instance's partitions got events after the kill, for the survivor.
      const orphaned = loads.filter(
        (item, index) =>
          killedPartitions.includes(partitionOf(item.session.session_id)) &&
          item.events > eventsAtKill[index],
      );
      expect(orphaned.length).toBeGreaterThan(0);

      expect(loads.flatMap((load) => load.failures)).toEqual([]);
      expect(await waitFor(() => sessionGroupSpreadOver(1), HANDOVER_MS)).toBe(true);
      expect([...(await sessionInstances())]).toEqual([firstInstance]);
      const handoverMs = Date.now() - killedAt;
      expect(await waitFor(() => scoringGroupSpreadOver(1), HANDOVER_MS)).toBe(true);
      await waitFor(() => allApplied(loads), 60_000);
      const stored = await storedSessions(loads);
      for (const load of loads) {
        const doc = stored.get(load.session.session_id);
        expect(doc?.telemetry_event_count).toBe(load.events);
        expect(doc?.action_count).toBe(load.actionIds.length);
        expect(doc?.user_history.map((entry) => entry.user_id)).toEqual(load.users);
        expect(
          doc?.user_history.slice(0, -1).every((entry) => entry.cleared_by === 'replaced'),
        ).toBe(true);
      }
      const actions = loads.flatMap((load) => load.actionIds);
      await waitFor(async () => (await scoredCount(loads)) === actions.length, 60_000);
      expect(await scoredCount(loads)).toBe(actions.length);
      console.info(
        `scale-out: ${loads.length} sessions, ${loads.reduce((sum, item) => sum + item.events, 0)} ` +
          `telemetry events, ${actions.length} actions, ${orphaned.length} sessions handed over; ` +
          `partitions moved ${handoverMs} ms after the kill`,
      );
    },
    4 * HANDOVER_MS,
  );
});

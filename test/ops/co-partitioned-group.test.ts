import { randomUUID } from 'node:crypto';
import { Admin, AssignerProtocol, Consumer, logLevel, Producer } from 'kafkajs';
import pino from 'pino';
import { TopicName } from '@vigil/contracts';
import { BatchConsumer, coPartitionedAssigner, DeadLetterPublisher } from '@vigil/messaging';
import { testKafka } from '../support/fixtures';
import { connectGroupTestKafka, waitFor } from './ops-helpers';

const KEYS = Array.from({ length: 40 }, (_, index) => `session-${index}`);

let clients: Awaited<ReturnType<typeof connectGroupTestKafka>>;
let admin: Admin;
let producer: Producer;
const topics: string[] = [];
const consumers: { stop: () => Promise<void> }[] = [];

beforeAll(async () => {
  clients = await connectGroupTestKafka();
  ({ admin, producer } = clients);
});

afterAll(async () => {
  await Promise.all(consumers.map((consumer) => consumer.stop()));
  await admin.deleteTopics({ topics });
  await clients.close();
});

/** Creates a topic of this test with `partitions` partitions and returns its name. */
async function createTopic(partitions: number): Promise<string> {
  const topic = `vigil-test-co-partitioned-${randomUUID().slice(0, 8)}`;
  await admin.createTopics({
    topics: [{ topic, numPartitions: partitions }],
    waitForLeaders: true,
  });
  topics.push(topic);

  return topic;
}

/**
 * Starts one process's consumer of `topic` in the group, and records under `handledBy` which
 * process received each key.
 */
async function startMember(
  groupId: string,
  instanceId: string,
  topic: string,
  group: string[],
  handledBy: Map<string, string>,
): Promise<Consumer> {
  // A client per consumer, as the services do: kafkajs shares a group's offsets within a client.
  const consumer = testKafka(logLevel.NOTHING).consumer({
    groupId,
    partitionAssigners: [coPartitionedAssigner(instanceId, topic, group)],
  });
  consumers.push({ stop: () => consumer.disconnect() });
  await consumer.connect();
  await consumer.subscribe({ topics: group, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ topic: from, message }) => {
      handledBy.set(`${from} ${String(message.key)}`, instanceId);
    },
  });

  return consumer;
}

/** Returns whether the group is stable with `count` members, each with partitions. */
async function allMembersAssigned(groupId: string, count: number): Promise<boolean> {
  const {
    groups: [described],
  } = await admin.describeGroups([groupId]);
  const assignments = described.members.map(
    (member) => AssignerProtocol.MemberAssignment.decode(member.memberAssignment)?.assignment ?? {},
  );

  return (
    described.state === 'Stable' &&
    assignments.length === count &&
    assignments.every((assignment) => Object.values(assignment).flat().length > 0)
  );
}

describe('co-partitioned consumer group on the broker', () => {
  it('consumes both topics of one key in one process', async () => {
    const group = [await createTopic(4), await createTopic(4)];
    const groupId = `vigil-test-co-partitioned-${randomUUID().slice(0, 8)}`;
    const handledBy = new Map<string, string>();
    for (const instance of ['instance-a', 'instance-b']) {
      for (const topic of group) {
        await startMember(groupId, instance, topic, group, handledBy);
      }
    }

    expect(await waitFor(() => allMembersAssigned(groupId, 4), 60_000)).toBe(true);
    for (const topic of group) {
      await producer.send({ topic, messages: KEYS.map((key) => ({ key, value: 'record' })) });
    }
    await waitFor(() => handledBy.size === KEYS.length * group.length, 60_000);

    expect(handledBy.size).toBe(KEYS.length * group.length);
    for (const key of KEYS) {
      expect(handledBy.get(`${group[1]} ${key}`)).toBe(handledBy.get(`${group[0]} ${key}`));
    }
    expect(new Set(handledBy.values())).toEqual(new Set(['instance-a', 'instance-b']));
  });

  it('fails readiness and assigns nothing on different partition counts', async () => {
    const group = [await createTopic(3), await createTopic(2)] as TopicName[];
    const groupId = `vigil-test-co-partitioned-${randomUUID().slice(0, 8)}`;
    const handled: unknown[] = [];
    const started = group.map(
      (topic) =>
        new BatchConsumer(
          testKafka(logLevel.NOTHING),
          {
            groupId,
            topics: group,
            coPartitioned: { instanceId: 'instance-a', topic },
            handler: async (events) => void handled.push(...events),
            maxAttempts: 1,
          },
          new DeadLetterPublisher(producer),
          pino({ level: 'silent' }),
        ),
    );
    consumers.push(...started);
    await Promise.all(started.map((consumer) => consumer.start()));
    await producer.send({ topic: group[0], messages: [{ key: 'session-1', value: 'record' }] });

    const reported = await waitFor(
      () => started.every((consumer) => consumer.healthProblem() !== undefined),
      60_000,
    );

    expect(reported).toBe(true);
    for (const consumer of started) {
      expect(consumer.healthProblem()).toContain(`${group[0]} has 3`);
      expect(consumer.healthProblem()).toContain(`${group[1]} has 2`);
    }
    expect(await waitFor(() => allMembersAssigned(groupId, 2), 5_000)).toBe(false);
    expect(handled).toEqual([]);
  });
});

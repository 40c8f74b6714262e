import { randomUUID } from 'node:crypto';
import { Admin, Kafka, Producer } from 'kafkajs';
import pino from 'pino';
import { Topics } from '@vigil/contracts';
import { BatchConsumer, DeadLetterPublisher } from '@vigil/messaging';
import { envelopeFor, newSessionIds, produce } from '../session/session-harness';
import { connectGroupTestKafka, waitFor } from './ops-helpers';

/** A topic no Vigil service consumes, so the test's record reaches only the test's group. */
const TOPIC = Topics.deviceSessionExpired;

let clients: Awaited<ReturnType<typeof connectGroupTestKafka>>;
let kafka: Kafka;
let admin: Admin;
let producer: Producer;

beforeAll(async () => {
  clients = await connectGroupTestKafka();
  ({ kafka, admin, producer } = clients);
});

afterAll(async () => {
  await clients.close();
});

/** Commits the end of every partition for a new group, so it reads only what comes next. */
async function startAtEnd(groupId: string): Promise<void> {
  const ends = await admin.fetchTopicOffsets(TOPIC);
  await admin.setOffsets({
    groupId,
    topic: TOPIC,
    partitions: ends.map((end) => ({ partition: end.partition, offset: end.high })),
  });
}

/** Returns an error that the consumer classifies as a MongoDB outage, which it never dead-letters. */
function mongoOutage(): Error {
  return Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:27017'), {
    name: 'MongoNetworkError',
  });
}

describe('a consumer that kafkajs restarts after an outage', () => {
  it('fails readiness until a batch is applied', async () => {
    const groupId = `vigil-test-restart-${randomUUID().slice(0, 8)}`;
    await startAtEnd(groupId);
    let outage = true;
    const applied: string[] = [];
    const logs: string[] = [];
    const rejoinedAfterCrash = () =>
      logs.indexOf('kafka partitions assigned', logs.indexOf('kafka consumer crashed')) > 0;
    const consumer = new BatchConsumer(
      kafka,
      {
        groupId,
        topics: [TOPIC],
        handler: async (events) => {
          if (outage) {
            throw mongoOutage();
          }
          applied.push(...events.map((event) => event.envelope.event_id));
        },
        maxAttempts: 3,
        outageRetryMs: 200,
      },
      new DeadLetterPublisher(producer),
      pino({ level: 'info' }, { write: (line: string) => void logs.push(JSON.parse(line).msg) }),
    );
    await consumer.start();
    const ids = newSessionIds();
    const expired = envelopeFor(ids, 'device-session.expired', {
      device_id: ids.deviceId,
      reason: 'idle_timeout',
      expired_at: new Date().toISOString(),
    });
    try {
      expect(consumer.healthProblem()).toBeUndefined();
      await produce(producer, TOPIC, [expired]);

      expect(await waitFor(() => consumer.healthProblem() !== undefined, 45_000)).toBe(true);
      expect(consumer.healthProblem()).toMatch(
        new RegExp(`^consumer ${groupId} is restarting after: .*ECONNREFUSED`),
      );
      // Rejoining is not recovery: the same batch still fails after it.
      expect(await waitFor(rejoinedAfterCrash, 45_000)).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(consumer.healthProblem()).toMatch(/is restarting after/);
      outage = false;

      expect(await waitFor(() => applied.includes(expired.event_id), 45_000)).toBe(true);
      expect(await waitFor(() => consumer.healthProblem() === undefined, 10_000)).toBe(true);
    } finally {
      await consumer.stop();
    }
  }, 120_000);
});

// Checks that kafkajs works against the broker in KAFKA_BROKERS (default
// 127.0.0.1:9092). The steps cover admin topic creation, keyed produce, a
// consumer group with eachBatch and manual commits, the committed-offset
// fetch, a rebalance when a second member joins and leaves, and an idempotent
// and a transactional producer. Each step prints PASS or FAIL with the
// broker's error, and the exit code is the number of failed steps.
//
// Run from the repository root after `npm install` (kafkajs resolves from the
// root node_modules):  node deploy/local/kafkajs-check.mjs
// It creates a topic and a group with random names and deletes them at the end.
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import kafkajs from 'kafkajs';

const { Kafka, Partitioners, logLevel } = kafkajs;

const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
const suffix = randomBytes(4).toString('hex');
const topic = `vigil-kafkajs-check-${suffix}`;
const groupId = `vigil-kafkajs-check-${suffix}`;
const partitionCount = 3;
const firstRoundCount = 300;
const secondRoundCount = 300;
const stepTimeoutMs = 30_000;

const kafka = new Kafka({
  clientId: 'vigil-kafkajs-check',
  brokers,
  logLevel: logLevel.WARN,
  retry: { retries: 3 },
});

const results = [];

// Runs one named step and records PASS or FAIL. Errors from the step are
// caught and printed, not rethrown.
async function step(name, fn) {
  const started = Date.now();
  try {
    const detail = await fn();
    results.push({ name, ok: true });
    console.log(`PASS ${name} (${Date.now() - started} ms)${detail ? `: ${detail}` : ''}`);
    return true;
  } catch (error) {
    results.push({ name, ok: false });
    const type = error?.type ? ` [${error.type}]` : '';
    console.log(`FAIL ${name}${type}: ${error?.message ?? error}`);
    return false;
  }
}

function assert(condition, message) {
  if (!condition) {
    throw new Error(message);
  }
}

// Polls `predicate` every 100 ms until it returns true or `timeoutMs` passes.
async function waitFor(predicate, description, timeoutMs = stepTimeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (predicate()) {
      return;
    }
    await sleep(100);
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${description}`);
}

function keyedMessages(count, offset) {
  return Array.from({ length: count }, (_, i) => ({
    key: `account-${(offset + i) % 50}`,
    value: JSON.stringify({ seq: offset + i }),
  }));
}

// Creates a group member that counts records per partition, remembers its
// latest assignment and commits the next offset after every batch.
function createMember(name, received) {
  const consumer = kafka.consumer({
    groupId,
    sessionTimeout: 10_000,
    heartbeatInterval: 1_000,
    rebalanceTimeout: 10_000,
  });
  const member = { name, consumer, assignment: [], joins: 0 };

  consumer.on(consumer.events.GROUP_JOIN, (event) => {
    member.joins += 1;
    member.assignment = (event.payload.memberAssignment[topic] ?? []).slice().sort();
  });

  member.run = async () => {
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale }) => {
        for (const message of batch.messages) {
          if (!isRunning() || isStale()) {
            break;
          }
          const seq = JSON.parse(message.value.toString()).seq;
          received.set(seq, (received.get(seq) ?? 0) + 1);
          resolveOffset(message.offset);
        }
        const last = batch.lastOffset();
        await consumer.commitOffsets([
          { topic: batch.topic, partition: batch.partition, offset: (BigInt(last) + 1n).toString() },
        ]);
        await heartbeat();
      },
    });
  };
  return member;
}

async function sumCommitted(admin) {
  const [entry] = await admin.fetchOffsets({ groupId, topics: [topic] });
  return entry.partitions.reduce((sum, p) => sum + Math.max(0, Number(p.offset)), 0);
}

async function main() {
  console.log(`kafkajs check against ${brokers.join(',')}, topic ${topic}`);
  const admin = kafka.admin();
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  const received = new Map();
  const memberA = createMember('A', received);
  const memberB = createMember('B', received);

  const connected = await step('admin connect and describeCluster', async () => {
    await admin.connect();
    const cluster = await admin.describeCluster();
    return `clusterId ${cluster.clusterId}, ${cluster.brokers.length} broker(s)`;
  });
  if (!connected) {
    return;
  }

  await step('admin createTopics with 3 partitions', async () => {
    const created = await admin.createTopics({
      waitForLeaders: true,
      topics: [{ topic, numPartitions: partitionCount, replicationFactor: 1 }],
    });
    assert(created, 'createTopics returned false (topic already exists)');
    const metadata = await admin.fetchTopicMetadata({ topics: [topic] });
    const count = metadata.topics[0].partitions.length;
    assert(count === partitionCount, `expected ${partitionCount} partitions, got ${count}`);
    return `${count} partitions`;
  });

  await step('producer send with keys (DefaultPartitioner, acks all)', async () => {
    await producer.connect();
    const records = await producer.send({ topic, acks: -1, messages: keyedMessages(firstRoundCount, 0) });
    const partitions = new Set(records.map((r) => r.partition));
    return `${firstRoundCount} messages, ${records.length} partition responses over partitions ${[...partitions].sort()}`;
  });

  await step('keyed messages land on one partition per key', async () => {
    const messages = [0, 1].map((i) => ({ key: 'account-7', value: JSON.stringify({ seq: `same-key-${i}` }) }));
    const first = await producer.send({ topic, acks: -1, messages });
    const second = await producer.send({ topic, acks: -1, messages });
    assert(first.length === 1, `first send touched ${first.length} partitions, expected 1`);
    assert(second.length === 1, `second send touched ${second.length} partitions, expected 1`);
    assert(first[0].partition === second[0].partition, 'one key went to different partitions on two sends');
    return `account-7 -> partition ${first[0].partition}`;
  });
  const extraMessages = 4;

  await step('admin fetchTopicOffsets', async () => {
    const offsets = await admin.fetchTopicOffsets(topic);
    const total = offsets.reduce((sum, p) => sum + Number(p.high) - Number(p.low), 0);
    assert(total === firstRoundCount + extraMessages, `expected ${firstRoundCount + extraMessages} records, got ${total}`);
    return offsets.map((p) => `p${p.partition}=${p.high}`).join(' ');
  });

  await step('consumer A joins group and consumes with eachBatch', async () => {
    await memberA.run();
    await waitFor(() => countSeq(received) >= firstRoundCount, `${firstRoundCount} records on member A`);
    assert(memberA.assignment.length === partitionCount, `member A has partitions ${memberA.assignment}`);
    return `assigned partitions ${memberA.assignment}`;
  });

  await step('commitOffsets and admin fetchOffsets', async () => {
    const expected = firstRoundCount + extraMessages;
    let committed = 0;
    const deadline = Date.now() + 10_000;
    while (committed !== expected && Date.now() < deadline) {
      committed = await sumCommitted(admin);
      await sleep(200);
    }
    assert(committed === expected, `committed offsets add up to ${committed}, expected ${expected}`);
    return `committed offsets add up to ${committed}`;
  });

  await step('consumer B joins the group (rebalance splits partitions)', async () => {
    const joinsBefore = memberA.joins;
    await memberB.run();
    await waitFor(
      () => memberB.joins > 0 && memberA.joins > joinsBefore && memberA.assignment.length + memberB.assignment.length === partitionCount,
      'both members to hold all partitions between them',
    );
    assert(memberA.assignment.length > 0, 'member A received no partition');
    assert(memberB.assignment.length > 0, 'member B received no partition');
    return `A has ${memberA.assignment}, B has ${memberB.assignment}`;
  });

  await step('both members consume after the rebalance', async () => {
    await producer.send({ topic, acks: -1, messages: keyedMessages(secondRoundCount, firstRoundCount) });
    await waitFor(() => countSeq(received) >= firstRoundCount + secondRoundCount, 'the second round of records');
    const duplicates = [...received.entries()].filter(([seq, n]) => typeof seq === 'number' && n > 1).length;
    return `${countSeq(received)} distinct records, ${duplicates} delivered twice`;
  });

  await step('admin describeGroups shows two members', async () => {
    const { groups } = await admin.describeGroups([groupId]);
    const group = groups[0];
    assert(group.members.length === 2, `group has ${group.members.length} members, state ${group.state}`);
    return `state ${group.state}, protocol ${group.protocol}, ${group.members.length} members`;
  });

  await step('consumer B leaves and A takes all partitions back', async () => {
    const joinsBefore = memberA.joins;
    await memberB.consumer.disconnect();
    await waitFor(
      () => memberA.joins > joinsBefore && memberA.assignment.length === partitionCount,
      'member A to hold all partitions',
    );
    return `A has ${memberA.assignment}`;
  });

  await step('idempotent producer (InitProducerId)', async () => {
    const idempotent = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    await idempotent.connect();
    try {
      await idempotent.send({ topic, acks: -1, messages: [{ key: 'idempotent', value: JSON.stringify({ seq: 'idem' }) }] });
    } finally {
      await idempotent.disconnect();
    }
  });

  await step('transactional producer commit', async () => {
    const transactional = kafka.producer({
      transactionalId: `vigil-kafkajs-check-tx-${suffix}`,
      idempotent: true,
      maxInFlightRequests: 1,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    await transactional.connect();
    try {
      const transaction = await transactional.transaction();
      await transaction.send({ topic, messages: [{ key: 'tx', value: JSON.stringify({ seq: 'tx' }) }] });
      await transaction.commit();
    } finally {
      await transactional.disconnect();
    }
  });

  await memberA.consumer.disconnect().catch(() => {});
  await producer.disconnect().catch(() => {});

  await step('admin deleteGroups and deleteTopics', async () => {
    await admin.deleteGroups([groupId]);
    await admin.deleteTopics({ topics: [topic] });
  });
  await admin.disconnect();
}

// Counts the distinct numbered records received, leaving out the same-key,
// idempotent and transactional test records, whose seq is a string.
function countSeq(received) {
  let count = 0;
  for (const [seq] of received) {
    if (typeof seq === 'number') {
      count += 1;
    }
  }
  return count;
}

const overall = setTimeout(() => {
  console.log('FAIL overall: timed out after 180 s');
  process.exit(100);
}, 180_000);
overall.unref();

await main();
const failed = results.filter((r) => !r.ok).length;
console.log(`${results.length - failed} passed, ${failed} failed`);
process.exit(failed);

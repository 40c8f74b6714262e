import { Admin, Kafka, logLevel, Partitioners, Producer } from 'kafkajs';

/** Topic of the producer ceiling cases; created at their start and deleted at their end. */
export const BENCH_TOPIC = 'vigil-bench.producer-ceiling';
export const BENCH_TOPIC_PARTITIONS = 12;

export function benchKafka(brokers: string[]): Kafka {
  return new Kafka({ clientId: 'vigil-bench', brokers, logLevel: logLevel.ERROR });
}

/** A producer configured as the services configure theirs (libs/messaging). */
export function serviceLikeProducer(kafka: Kafka): Producer {
  return kafka.producer({
    allowAutoTopicCreation: false,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
}

/** Sum over the topic's partitions of (end offset - committed offset) for a consumer group. */
export async function groupLag(admin: Admin, groupId: string, topic: string): Promise<number> {
  const [ends, committed] = await Promise.all([
    admin.fetchTopicOffsets(topic),
    admin.fetchOffsets({ groupId, topics: [topic] }),
  ]);
  const committedByPartition = new Map(
    committed[0].partitions.map((entry) => [entry.partition, Number(entry.offset)]),
  );

  return ends.reduce((lag, end) => {
    const high = Number(end.high);
    const done = committedByPartition.get(end.partition) ?? -1;
    // -1 means nothing committed yet: the group starts from the earliest offset.
    const start = done >= 0 ? done : Number(end.low);

    return lag + Math.max(0, high - start);
  }, 0);
}

/** Polls `groupLag` until it is zero; returns false when `timeoutMs` passes first. */
export async function waitForZeroLag(
  admin: Admin,
  groupId: string,
  topic: string,
  timeoutMs: number,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if ((await groupLag(admin, groupId, topic)) === 0) {
      return true;
    }
    await sleep(250);
  }

  return false;
}

/**
 * Commits the current end offset of every partition for an empty consumer group. kafkajs's
 * `resetOffsets` commits -1 instead, which a consumer that subscribes from the beginning reads as
 * no offset, so it would consume the whole topic again.
 */
export async function skipToEnd(admin: Admin, groupId: string, topic: string): Promise<void> {
  const ends = await admin.fetchTopicOffsets(topic);
  await admin.setOffsets({
    groupId,
    topic,
    partitions: ends.map((end) => ({ partition: end.partition, offset: end.high })),
  });
}

export async function recreateTopic(admin: Admin, topic: string, partitions: number) {
  const existing = await admin.listTopics();
  if (existing.includes(topic)) {
    await admin.deleteTopics({ topics: [topic] });
    await sleep(1_000);
  }
  await admin.createTopics({
    topics: [{ topic, numPartitions: partitions }],
    waitForLeaders: true,
  });
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

import { Kafka } from 'kafkajs';
import {
  DEAD_LETTER_PARTITIONS,
  DEFAULT_PARTITIONS,
  deadLetterTopic,
  TopicName,
} from '@vigil/contracts';

export interface TopicSpec {
  topic: string;
  numPartitions: number;
}

/** Lists the topics to create: the named ones and, for each consumed topic, its dead-letter topic. */
export function topicSpecs(topics: TopicName[], consumed: TopicName[] = []): TopicSpec[] {
  const specs = topics.map((topic) => ({ topic, numPartitions: DEFAULT_PARTITIONS[topic] }));
  const deadLetters = consumed.map((topic) => ({
    topic: deadLetterTopic(topic),
    numPartitions: DEAD_LETTER_PARTITIONS,
  }));

  return [...specs, ...deadLetters];
}

/**
 * Creates the topics that do not exist yet. Several services may run this at once at boot, so
 * "already exists" is not an error. Existing topics keep their partition count.
 */
export async function ensureTopics(
  kafka: Kafka,
  specs: TopicSpec[],
  replicationFactor: number,
): Promise<string[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = specs.filter((spec) => !existing.has(spec.topic));
    if (missing.length > 0) {
      await admin.createTopics({
        topics: missing.map((spec) => ({ ...spec, replicationFactor })),
        waitForLeaders: true,
      });
    }

    return missing.map((spec) => spec.topic);
  } finally {
    await admin.disconnect();
  }
}

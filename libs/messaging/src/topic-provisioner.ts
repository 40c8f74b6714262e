import { Admin, Kafka } from 'kafkajs';
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

/**
 * Lists the topics to create, each once: the named ones and, for each consumed topic, its
 * dead-letter topic. A service that both produces and consumes a topic names it twice, and Kafka
 * rejects a create request that repeats a topic.
 */
export function topicSpecs(topics: TopicName[], consumed: TopicName[] = []): TopicSpec[] {
  const specs = [...new Set(topics)].map((topic) => ({
    topic,
    numPartitions: DEFAULT_PARTITIONS[topic],
  }));
  const deadLetters = [...new Set(consumed)].map((topic) => ({
    topic: deadLetterTopic(topic),
    numPartitions: DEAD_LETTER_PARTITIONS,
  }));

  return [...specs, ...deadLetters];
}

const CREATE_ATTEMPTS = 5;
const CREATE_RETRY_MS = 1_000;

/**
 * Creates the topics that do not exist yet and waits until each has a leader. Several services
 * may run this at once at boot against a fresh broker, so a failed attempt lists the topics again
 * and retries: what another service created meanwhile counts as done. Existing topics keep their
 * partition count.
 *
 * @throws the last error once `CREATE_ATTEMPTS` attempts have failed.
 */
export async function ensureTopics(
  kafka: Kafka,
  specs: TopicSpec[],
  replicationFactor: number,
): Promise<string[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const created: string[] = [];
    for (let attempt = 1; ; attempt += 1) {
      try {
        created.push(...(await createMissingTopics(admin, specs, replicationFactor)));
        await admin.fetchTopicMetadata({ topics: specs.map((spec) => spec.topic) });

        return created;
      } catch (error) {
        if (attempt >= CREATE_ATTEMPTS) {
          throw error;
        }
        await new Promise((resolve) => setTimeout(resolve, CREATE_RETRY_MS * attempt));
      }
    }
  } finally {
    await admin.disconnect();
  }
}

async function createMissingTopics(
  admin: Admin,
  specs: TopicSpec[],
  replicationFactor: number,
): Promise<string[]> {
  const existing = new Set(await admin.listTopics());
  const missing = specs.filter((spec) => !existing.has(spec.topic));
  if (missing.length > 0) {
    await admin.createTopics({
      topics: missing.map((spec) => ({ ...spec, replicationFactor })),
      waitForLeaders: true,
    });
  }

  return missing.map((spec) => spec.topic);
}

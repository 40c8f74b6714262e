import { Kafka, Producer } from 'kafkajs';
import { PinoLogger } from 'nestjs-pino';
import pino from 'pino';
import { InfrastructureSettings } from '@vigil/config';
import { Topics } from '@vigil/contracts';
import { HealthRegistry } from '@vigil/observability';
import { createKafka } from './kafka.factory';
import { MessagingLifecycle } from './messaging.module';

const SETTINGS = {
  KAFKA_CLIENT_ID: 'vigil',
  KAFKA_BROKERS: '127.0.0.1:9092',
  CONSUMER_MAX_ATTEMPTS: 3,
} as unknown as InfrastructureSettings;
const TOPICS = [Topics.telemetryRecorded, Topics.sessionActivityRecorded];

function lifecycle(kafka: Kafka): MessagingLifecycle {
  const logger = { logger: pino({ level: 'silent' }) } as unknown as PinoLogger;
  const health = { register: () => undefined } as unknown as HealthRegistry;

  return new MessagingLifecycle(
    { service: 'session', produces: [], consumes: TOPICS },
    kafka,
    {} as Producer,
    SETTINGS,
    health,
    logger,
  );
}

/** Returns the kafkajs clients that created consumers while `create` ran. */
function clientsOfConsumers(create: () => void): unknown[] {
  const consumer = jest.spyOn(Kafka.prototype, 'consumer');
  try {
    create();

    return consumer.mock.contexts;
  } finally {
    consumer.mockRestore();
  }
}

describe(MessagingLifecycle.name, () => {
  const kafka = createKafka(SETTINGS, 'session', pino({ level: 'silent' }));

  it('gives each co-partitioned consumer a client of its own', () => {
    const messaging = lifecycle(kafka);
    const clients = clientsOfConsumers(() => {
      for (const topic of TOPICS) {
        messaging.createConsumer({
          groupId: 'vigil-session',
          topics: TOPICS,
          coPartitioned: { instanceId: 'instance-a', topic },
          handler: async () => undefined,
        });
      }
    });

    expect(clients).toHaveLength(2);
    expect(clients[0]).not.toBe(clients[1]);
    expect(clients).not.toContain(kafka);
  });

  it('creates other consumers on the shared client', () => {
    const messaging = lifecycle(kafka);
    const clients = clientsOfConsumers(() =>
      messaging.createConsumer({
        groupId: 'vigil-scoring-actions',
        topics: [Topics.actionContextualized],
        handler: async () => undefined,
      }),
    );

    expect(clients).toEqual([kafka]);
  });
});

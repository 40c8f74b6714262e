import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { Consumer, EachBatchPayload, Kafka } from 'kafkajs';
import { PinoLogger } from 'nestjs-pino';
import { hostname } from 'node:os';
import { InfrastructureSettings } from '@vigil/config';
import { Topics } from '@vigil/contracts';
import { ensureTopics, KAFKA, topicSpecs } from '@vigil/messaging';
import { HealthRegistry } from '@vigil/observability';
import { ArrivalWaiters } from './arrival-waiters';

/**
 * Wakes requests that wait for a recommendation as soon as the scoring service publishes it.
 *
 * Every gateway instance reads all of `vigil.recommendation.issued.v1` in a consumer group of its
 * own, starting at the latest offset and committing nothing, because a waiting request may sit on
 * any instance. Only the action id is read from each record: the scoring service stores the
 * recommendation before publishing it, so a woken request reads it from MongoDB.
 */
@Injectable()
export class RecommendationArrivals implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly waiters = new ArrivalWaiters();
  private readonly groupId = `vigil-gateway-answers-${hostname()}-${process.pid}`;
  private consumer: Consumer | undefined;
  private joined = false;

  constructor(
    @Inject(KAFKA) private readonly kafka: Kafka,
    private readonly settings: InfrastructureSettings,
    private readonly health: HealthRegistry,
    private readonly logger: PinoLogger,
  ) {}

  /**
   * Resolves true when the recommendation of `actionId` is published, or false after
   * `timeoutMs`. Register before the action is published, so its recommendation cannot slip past.
   */
  waitFor(actionId: string, timeoutMs: number): Promise<boolean> {
    return this.waiters.waitFor(actionId, timeoutMs);
  }

  async onApplicationBootstrap(): Promise<void> {
    // Not ready until the group has its partitions, because a record published before is missed.
    this.health.register('kafka-consumer:answers', () =>
      this.joined ? undefined : `consumer ${this.groupId} has not joined its group yet`,
    );
    if (this.settings.KAFKA_CREATE_TOPICS) {
      const specs = topicSpecs([Topics.recommendationIssued]);
      await ensureTopics(this.kafka, specs, this.settings.KAFKA_REPLICATION_FACTOR);
    }
    const consumer = this.kafka.consumer({
      groupId: this.groupId,
      allowAutoTopicCreation: false,
      maxWaitTimeInMs: 20,
    });
    consumer.on(consumer.events.GROUP_JOIN, () => {
      this.joined = true;
    });
    await consumer.connect();
    await consumer.subscribe({ topics: [Topics.recommendationIssued], fromBeginning: false });
    await consumer.run({ autoCommit: false, eachBatch: (payload) => this.wake(payload) });
    this.consumer = consumer;
    this.logger.info({ group: this.groupId }, 'recommendation arrival consumer started');
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.consumer?.disconnect();
    this.logger.info({ group: this.groupId }, 'recommendation arrival consumer stopped');
  }

  private async wake({ batch }: EachBatchPayload): Promise<void> {
    for (const message of batch.messages) {
      const actionId = actionIdOf(message.value);
      if (actionId !== undefined) {
        this.waiters.arrive(actionId);
      }
    }
  }
}

function actionIdOf(value: Buffer | null): string | undefined {
  if (value === null) {
    return undefined;
  }
  try {
    const envelope = JSON.parse(value.toString('utf8')) as { payload?: { action_id?: unknown } };
    const actionId = envelope.payload?.action_id;

    return typeof actionId === 'string' ? actionId : undefined;
  } catch {
    // A record that is not JSON wakes no request; the scoring service never writes one.
    return undefined;
  }
}

import {
  BeforeApplicationShutdown,
  DynamicModule,
  Inject,
  Injectable,
  Module,
  OnApplicationBootstrap,
  OnModuleInit,
  Optional,
} from '@nestjs/common';
import { Kafka, Partitioners, Producer } from 'kafkajs';
import { PinoLogger } from 'nestjs-pino';
import { TopicName } from '@vigil/contracts';
import { InfrastructureSettings } from '@vigil/config';
import { Registry } from 'prom-client';
import { HealthRegistry, METRIC_REGISTRY, trackShutdownStep } from '@vigil/observability';
import { BatchConsumer, BatchConsumerOptions } from './batch-consumer';
import { DeadLetterPublisher } from './dead-letter.publisher';
import { EventPublisher } from './event-publisher';
import { createKafka } from './kafka.factory';
import { MessagingMetrics } from './messaging.metrics';
import { ensureTopics, topicSpecs } from './topic-provisioner';

export interface MessagingOptions {
  service: string;
  /** Topics the service writes to; created at boot when missing. */
  produces: TopicName[];
  /** Topics the service reads; created at boot with their dead-letter topics when missing. */
  consumes: TopicName[];
}

export const MESSAGING_OPTIONS = Symbol('MESSAGING_OPTIONS');
export const KAFKA = Symbol('KAFKA');
export const KAFKA_PRODUCER = Symbol('KAFKA_PRODUCER');
export const MESSAGING_METRICS = Symbol('MESSAGING_METRICS');

/**
 * Owns the service's Kafka connections: creates missing topics, connects the producer before the
 * service takes traffic, starts consumers once the application is up, and on shutdown stops the
 * consumers first (each finishes and commits its batch) and the producer last.
 */
@Injectable()
export class MessagingLifecycle
  implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown
{
  private readonly consumers: BatchConsumer[] = [];
  private stopping = false;

  constructor(
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(KAFKA_PRODUCER) private readonly producer: Producer,
    private readonly settings: InfrastructureSettings,
    private readonly health: HealthRegistry,
    private readonly logger: PinoLogger,
    @Optional() @Inject(MESSAGING_METRICS) private readonly metrics?: MessagingMetrics,
  ) {}

  /** Creates a consumer that starts with the application and reports to the readiness check. */
  createConsumer(options: Omit<BatchConsumerOptions, 'maxAttempts'>): BatchConsumer {
    const consumer = new BatchConsumer(
      options.coPartitioned ? this.separateClient() : this.kafka,
      { maxAttempts: this.settings.CONSUMER_MAX_ATTEMPTS, ...options },
      new DeadLetterPublisher(this.producer),
      this.logger.logger.child({ component: 'consumer' }),
      this.metrics,
    );
    this.consumers.push(consumer);
    this.health.register(`kafka-consumer:${consumer.name}`, () => consumer.healthProblem());

    return consumer;
  }

  /**
   * Returns a kafkajs client of its own. kafkajs keeps the committed offsets of a group in one
   * map per client, and a consumer that gets a new assignment clears the entries of every topic
   * in it. Two consumers of one group on one client, as in a co-partitioned group, then break
   * each other's offset commits.
   */
  private separateClient(): Kafka {
    return createKafka(this.settings, this.options.service, this.logger.logger);
  }

  async onModuleInit(): Promise<void> {
    this.watchProducer();
    if (this.settings.KAFKA_CREATE_TOPICS) {
      const specs = topicSpecs(
        [...this.options.produces, ...this.options.consumes],
        this.options.consumes,
      );
      const created = await ensureTopics(this.kafka, specs, this.settings.KAFKA_REPLICATION_FACTOR);
      if (created.length > 0) {
        this.logger.info({ topics: created }, 'created kafka topics');
      }
    }
    await this.producer.connect();
  }

  /** Fails readiness while the producer is disconnected, since nothing could be published. */
  private watchProducer(): void {
    let connected = false;
    this.producer.on(this.producer.events.CONNECT, () => {
      connected = true;
    });
    this.producer.on(this.producer.events.DISCONNECT, () => {
      connected = false;
      // A disconnect during shutdown is expected; at any other time nothing can be published.
      const level = this.stopping ? 'info' : 'warn';
      this.logger[level]({ service: this.options.service }, 'kafka producer disconnected');
    });
    this.health.register('kafka-producer', () =>
      connected ? undefined : 'kafka producer is not connected',
    );
  }

  async onApplicationBootstrap(): Promise<void> {
    await Promise.all(this.consumers.map((consumer) => consumer.start()));
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await Promise.all(
      this.consumers.map((consumer) =>
        trackShutdownStep(`kafka consumer ${consumer.name}`, () => consumer.stop()),
      ),
    );
    await trackShutdownStep('kafka producer', () => this.producer.disconnect());
  }
}

@Module({})
export class MessagingModule {
  static forService(options: MessagingOptions): DynamicModule {
    return {
      module: MessagingModule,
      global: true,
      providers: [
        { provide: MESSAGING_OPTIONS, useValue: options },
        {
          provide: KAFKA,
          inject: [InfrastructureSettings, PinoLogger],
          useFactory: (settings: InfrastructureSettings, logger: PinoLogger) =>
            createKafka(settings, options.service, logger.logger),
        },
        {
          provide: KAFKA_PRODUCER,
          inject: [KAFKA],
          useFactory: (kafka: Kafka) =>
            kafka.producer({
              allowAutoTopicCreation: false,
              createPartitioner: Partitioners.DefaultPartitioner,
            }),
        },
        {
          provide: MESSAGING_METRICS,
          inject: [{ token: METRIC_REGISTRY, optional: true }],
          useFactory: (registry?: Registry) => registry && new MessagingMetrics(registry),
        },
        {
          provide: EventPublisher,
          inject: [KAFKA_PRODUCER, MESSAGING_METRICS],
          useFactory: (producer: Producer, metrics?: MessagingMetrics) =>
            new EventPublisher(producer, metrics),
        },
        MessagingLifecycle,
      ],
      exports: [KAFKA, KAFKA_PRODUCER, MESSAGING_METRICS, EventPublisher, MessagingLifecycle],
    };
  }
}

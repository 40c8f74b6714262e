import { context, ROOT_CONTEXT, Span, SpanStatusCode } from '@opentelemetry/api';
import { Consumer, EachBatchPayload, Kafka, KafkaMessage, PartitionAssigner } from 'kafkajs';
import { Logger } from 'pino';
import { decodeRecord, isRetriable, TopicName, TypedEnvelope } from '@vigil/contracts';
import { isTracingEnabled, runWithLogContext } from '@vigil/observability';
import { batchLogContext } from './batch-log-context';
import { coPartitionedAssigner } from './co-partitioned-assigner';
import { RestartWatch } from './restart-watch';
import { DeadLetterPublisher } from './dead-letter.publisher';
import { isInfrastructureError } from './error-classification';
import { lagAfterBatch, MessagingMetrics } from './messaging.metrics';
import { setTraceContext, startRecordSpan, traceContextOf } from './trace-headers';

/** One decoded record with where it came from. */
export interface ConsumedEvent {
  topic: TopicName;
  partition: number;
  offset: string;
  envelope: TypedEnvelope;
}

/**
 * Applies a batch of events from one partition, in offset order. It may be called again with
 * events it already applied (after a retry or a restart), so it must be idempotent per event id.
 */
export type BatchHandler = (events: ConsumedEvent[]) => Promise<void>;

export interface BatchConsumerOptions {
  groupId: string;
  /** Topics the consumer subscribes to. */
  topics: TopicName[];
  /**
   * Makes the consumer one of a process's consumers in a co-partitioned group: it takes only
   * partitions of `topic`, and partition p of every subscribed topic goes to the same process
   * (see assignCoPartitioned). Each such consumer needs a kafkajs client of its own (see
   * MessagingLifecycle.createConsumer).
   */
  coPartitioned?: { instanceId: string; topic: TopicName };
  handler: BatchHandler;
  /** Attempts for a record before it goes to the dead-letter topic. */
  maxAttempts: number;
  partitionsConsumedConcurrently?: number;
  /** Upper bound of the fetch wait, which sets the latency floor of a quiet topic. */
  maxWaitTimeInMs?: number;
  /** How long an outage of Kafka, MongoDB or Redis is retried inside one batch before restarting. */
  outageRetryMs?: number;
}

const BACKOFF_BASE_MS = 100;
const BACKOFF_MAX_MS = 5_000;

/**
 * A kafkajs consumer that hands whole batches to its handler and commits only what was applied.
 *
 * A batch that fails is tried again, then record by record, so one poison record never blocks its
 * partition: a record that is invalid, or fails with a permanent error, or fails `maxAttempts`
 * times, goes to the dead-letter topic and the partition moves on. An outage of a server the
 * handler needs is never dead-lettered: the batch is retried and, past `outageRetryMs`, the
 * consumer restarts from the last committed offset.
 */
export class BatchConsumer {
  private readonly consumer: Consumer;
  private crashed: Error | undefined;
  private readonly restarts = new RestartWatch();
  private partitionProblem: string | undefined;

  constructor(
    kafka: Kafka,
    private readonly options: BatchConsumerOptions,
    private readonly deadLetters: DeadLetterPublisher,
    private readonly logger: Logger,
    private readonly metrics?: MessagingMetrics,
  ) {
    this.consumer = kafka.consumer({
      groupId: options.groupId,
      allowAutoTopicCreation: false,
      maxWaitTimeInMs: options.maxWaitTimeInMs ?? 100,
      ...(options.coPartitioned ? { partitionAssigners: [this.coPartitionedAssigner()] } : {}),
    });
    this.consumer.on(this.consumer.events.CRASH, (event) => {
      const { error, restart } = event.payload;
      this.logger.error({ err: error, restart, consumer: this.name }, 'kafka consumer crashed');
      this.metrics?.clearAssignment(options.groupId, consumedTopics(options));
      if (restart) {
        this.restarts.crashed(error);
      } else {
        this.crashed = error;
      }
    });
    this.followProgress();
    this.consumer.on(this.consumer.events.GROUP_JOIN, ({ payload }) => {
      if (options.coPartitioned && hasPartitions(payload.memberAssignment)) {
        // The leader found equal partition counts when it assigned, whatever this member's
        // older metadata showed when it joined.
        this.partitionProblem = undefined;
      }
      this.metrics?.recordAssignment(
        options.groupId,
        consumedTopics(options),
        payload.memberAssignment,
      );
      this.logger.info(
        { consumer: this.name, assigned: payload.memberAssignment },
        'kafka partitions assigned',
      );
    });
  }

  get groupId(): string {
    return this.options.groupId;
  }

  /** The group, and in a co-partitioned group the topic this consumer takes. */
  get name(): string {
    const topic = this.options.coPartitioned?.topic;

    return topic ? `${this.options.groupId}/${topic}` : this.options.groupId;
  }

  /**
   * Returns undefined while the consumer runs. Otherwise returns why it stopped for good, why
   * kafkajs restarted it (until it applies a batch or finds nothing to apply), or why its
   * co-partitioned group gives it no partitions.
   */
  healthProblem(): string | undefined {
    if (this.crashed) {
      return `consumer ${this.name} crashed: ${this.crashed.message}`;
    }
    const restartedAfter = this.restarts.problem;
    if (restartedAfter) {
      return `consumer ${this.name} is restarting after: ${restartedAfter.message}`;
    }

    return this.partitionProblem && `consumer ${this.name}: ${this.partitionProblem}`;
  }

  /** Feeds the consumer's kafkajs events to the watch that ends a restart's readiness problem. */
  private followProgress(): void {
    const { events } = this.consumer;
    this.consumer.on(events.GROUP_JOIN, () => this.restarts.joined());
    this.consumer.on(events.FETCH_START, () => this.restarts.fetchStarted());
    this.consumer.on(events.FETCH, () => this.restarts.fetched());
    this.consumer.on(events.START_BATCH_PROCESS, () => this.restarts.batchStarted());
    this.consumer.on(events.END_BATCH_PROCESS, () => this.restarts.batchEnded());
  }

  private coPartitionedAssigner(): PartitionAssigner {
    const { coPartitioned, topics } = this.options;

    return coPartitionedAssigner(
      coPartitioned!.instanceId,
      coPartitioned!.topic,
      topics,
      (problem) => {
        if (problem !== this.partitionProblem && problem !== undefined) {
          this.logger.error({ consumer: this.name, topics }, problem);
        }
        this.partitionProblem = problem;
      },
    );
  }

  async start(): Promise<void> {
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: this.options.topics, fromBeginning: true });
    await this.consumer.run({
      autoCommit: true,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 1,
      eachBatch: (payload) => this.consumeBatch(payload),
    });
    this.logger.info({ consumer: this.name, topics: this.options.topics }, 'consumer started');
  }

  async stop(): Promise<void> {
    await this.consumer.disconnect();
    this.metrics?.clearAssignment(this.options.groupId, consumedTopics(this.options));
    this.logger.info({ consumer: this.name }, 'consumer stopped');
  }

  private async consumeBatch(payload: EachBatchPayload): Promise<void> {
    const { batch, resolveOffset, heartbeat, commitOffsetsIfNecessary } = payload;
    const topic = batch.topic as TopicName;
    const events: ConsumedEvent[] = [];
    const spans: Span[] = [];
    for (const message of batch.messages) {
      const event = await this.decodeOrDeadLetter(topic, batch.partition, message);
      if (event) {
        events.push(event);
        this.traceRecord(event, message, spans);
      }
    }

    await this.applyInContext(events, payload, spans);
    if (batch.messages.length > 0) {
      resolveOffset(batch.lastOffset());
    }
    await heartbeat();
    await commitOffsetsIfNecessary();
    this.countBatch(payload);
  }

  /** Starts the record's span and ties its envelope to it, when tracing is on. */
  private traceRecord(event: ConsumedEvent, message: KafkaMessage, spans: Span[]): void {
    if (!isTracingEnabled()) {
      return;
    }
    const { span, traceContext } = startRecordSpan(
      event.topic,
      this.options.groupId,
      message.headers,
    );
    setTraceContext(event.envelope, traceContext);
    spans.push(span);
  }

  /**
   * Applies the events with the ids they share on every log line, and inside the trace of the
   * record when the batch has one record, so work that publishes no envelope stays in its trace.
   */
  private async applyInContext(events: ConsumedEvent[], payload: EachBatchPayload, spans: Span[]) {
    const traceContext = spans.length === 1 ? traceContextOfFirst(events) : ROOT_CONTEXT;
    try {
      await runWithLogContext(batchLogContext(events), () =>
        context.with(traceContext, () => this.applyWithRetries(events, payload)),
      );
    } catch (error) {
      spans.forEach((span) => span.setStatus({ code: SpanStatusCode.ERROR }));
      throw error;
    } finally {
      spans.forEach((span) => span.end());
    }
  }

  private countBatch({ batch }: EachBatchPayload): void {
    if (batch.messages.length === 0) {
      return;
    }
    const lag = lagAfterBatch(batch.highWatermark, batch.lastOffset());
    this.metrics?.recordBatch(
      { topic: batch.topic, partition: batch.partition, size: batch.messages.length, lag },
      this.options.groupId,
    );
  }

  private async decodeOrDeadLetter(
    topic: TopicName,
    partition: number,
    message: KafkaMessage,
  ): Promise<ConsumedEvent | undefined> {
    try {
      const envelope = decodeRecord(topic, message.value);

      return { topic, partition, offset: message.offset, envelope };
    } catch (error) {
      await this.deadLetter(topic, partition, message, error, 1);

      return undefined;
    }
  }

  private async applyWithRetries(events: ConsumedEvent[], payload: EachBatchPayload) {
    if (events.length === 0) {
      return;
    }
    const failure = await this.attempt(events, payload);
    if (failure === undefined) {
      return;
    }
    this.logger.warn(
      { err: failure, group: this.options.groupId, size: events.length },
      'batch failed, applying its records one at a time',
    );
    for (const event of events) {
      const error = await this.attempt([event], payload);
      if (error !== undefined) {
        const message = payload.batch.messages.find((m) => m.offset === event.offset);
        await this.deadLetter(
          event.topic,
          event.partition,
          message!,
          error,
          this.options.maxAttempts,
        );
      }
    }
  }

  /**
   * Runs the handler until it succeeds, fails permanently, or fails `maxAttempts` times, and
   * returns the last error. Outages are waited out and do not use up attempts.
   */
  private async attempt(events: ConsumedEvent[], payload: EachBatchPayload) {
    let attempts = 0;
    const outageDeadline = Date.now() + (this.options.outageRetryMs ?? 30_000);
    for (;;) {
      try {
        await this.options.handler(events);

        return undefined;
      } catch (error) {
        if (isInfrastructureError(error)) {
          if (Date.now() > outageDeadline || !payload.isRunning() || payload.isStale()) {
            throw error;
          }
        } else {
          attempts += 1;
          if (attempts >= this.options.maxAttempts || !isRetriable(error)) {
            return error as Error;
          }
        }
        this.logger.warn({ err: error, attempts, group: this.options.groupId }, 'retrying batch');
        await sleep(backoff(attempts));
        await payload.heartbeat();
      }
    }
  }

  private async deadLetter(
    topic: TopicName,
    partition: number,
    message: KafkaMessage,
    error: unknown,
    attempts: number,
  ): Promise<void> {
    const reason = error instanceof Error ? error.message : String(error);
    await this.deadLetters.publish({
      topic,
      partition,
      message,
      group: this.options.groupId,
      reason,
      attempts,
    });
    this.metrics?.deadLetters.inc({ topic });
    this.logger.error(
      { topic, partition, offset: message.offset, group: this.options.groupId, reason },
      'record sent to the dead-letter topic',
    );
  }
}

/** Returns whether a member assignment gives the member any partition. */
function hasPartitions(assignment: Record<string, number[]>): boolean {
  return Object.values(assignment).some((partitions) => partitions.length > 0);
}

/** Returns the topics whose partitions the consumer can be given. */
function consumedTopics({ coPartitioned, topics }: BatchConsumerOptions): TopicName[] {
  return coPartitioned ? [coPartitioned.topic] : topics;
}

function traceContextOfFirst(events: ConsumedEvent[]) {
  return events.length > 0 ? traceContextOf(events[0].envelope) : ROOT_CONTEXT;
}

function backoff(attempt: number): number {
  return Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** attempt);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

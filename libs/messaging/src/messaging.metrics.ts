import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { counter, gauge, histogram } from '@vigil/observability';

/** Buckets of records per batch, from one record to a thousand. */
const BATCH_SIZE_BUCKETS = [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000];

/** Kafka metrics of one service: records produced and consumed, batch sizes, lag, dead letters. */
export class MessagingMetrics {
  readonly produced: Counter<'topic'>;
  readonly consumed: Counter<'topic' | 'group'>;
  readonly batchSize: Histogram<'topic' | 'group'>;
  readonly lag: Gauge<'topic' | 'partition' | 'group'>;
  readonly deadLetters: Counter<'topic'>;
  readonly assigned: Gauge<'topic' | 'group'>;

  constructor(registry: Registry) {
    this.produced = counter(registry, {
      name: 'vigil_kafka_records_produced_total',
      help: 'Records the brokers acknowledged, by topic',
      labelNames: ['topic'],
    });
    this.consumed = counter(registry, {
      name: 'vigil_kafka_records_consumed_total',
      help: 'Records consumed and committed, by topic and consumer group',
      labelNames: ['topic', 'group'],
    });
    this.batchSize = histogram(registry, {
      name: 'vigil_kafka_batch_size',
      help: 'Records per consumed batch, by topic and consumer group',
      labelNames: ['topic', 'group'],
      buckets: BATCH_SIZE_BUCKETS,
    });
    this.lag = gauge(registry, {
      name: 'vigil_kafka_consumer_lag',
      help: 'Records behind the high watermark after the last batch of a partition',
      labelNames: ['topic', 'partition', 'group'],
    });
    this.deadLetters = counter(registry, {
      name: 'vigil_dead_letter_records_total',
      help: 'Records sent to a dead-letter topic, by the topic they came from',
      labelNames: ['topic'],
    });
    this.assigned = gauge(registry, {
      name: 'vigil_kafka_assigned_partitions',
      help: 'Partitions this process consumes, by topic and consumer group',
      labelNames: ['topic', 'group'],
    });
  }

  /** Records the partitions a consumer of `topics` was given when it joined its group. */
  recordAssignment(group: string, topics: string[], assignment: Record<string, number[]>) {
    for (const topic of topics) {
      this.assigned.set({ topic, group }, assignment[topic]?.length ?? 0);
    }
  }

  /** Records that a consumer of `topics` has no partitions any more. */
  clearAssignment(group: string, topics: string[]) {
    this.recordAssignment(group, topics, {});
  }

  /** Records a batch that was applied and committed. */
  recordBatch(
    batch: { topic: string; partition: number; size: number; lag: number },
    group: string,
  ) {
    const labels = { topic: batch.topic, group };
    this.consumed.inc(labels, batch.size);
    this.batchSize.observe(labels, batch.size);
    this.lag.set({ ...labels, partition: String(batch.partition) }, batch.lag);
  }
}

/**
 * Returns how many records of a partition are left after a batch: the high watermark (the offset
 * the next record written will get) minus the offset after the batch's last record.
 */
export function lagAfterBatch(highWatermark: string, lastOffset: string): number {
  return Math.max(0, Number(highWatermark) - (Number(lastOffset) + 1));
}

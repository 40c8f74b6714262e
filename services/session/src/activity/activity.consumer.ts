import { Injectable, OnModuleInit } from '@nestjs/common';
import { Topics } from '@vigil/contracts';
import { MessagingLifecycle } from '@vigil/messaging';
import { SessionInstance } from '../session-consumer-group';
import { ActivityBatchHandler } from './activity-batch.handler';

/**
 * Partitions whose batches are applied at once. Each batch waits on several store round trips,
 * so with one at a time an action queued behind the batches of the other partitions, which made
 * up most of the decision latency in the benchmark (docs/benchmarks.md). Sessions never span
 * partitions, and the per-document write lock covers devices shared between them. Four batches
 * of at most 10 session writes each stay well below the 100 statements in flight at which FerretDB
 * v1 hangs.
 */
export const ACTIVITY_PARTITIONS_CONSUMED_CONCURRENTLY = 4;

/** Consumes session activity: starts, action events, action results and user changes. */
@Injectable()
export class ActivityConsumer implements OnModuleInit {
  constructor(
    private readonly messaging: MessagingLifecycle,
    private readonly handler: ActivityBatchHandler,
    private readonly instance: SessionInstance,
  ) {}

  onModuleInit(): void {
    this.messaging.createConsumer({
      ...this.instance.consumerOf(Topics.sessionActivityRecorded),
      handler: (events) => this.handler.handle(events),
      partitionsConsumedConcurrently: ACTIVITY_PARTITIONS_CONSUMED_CONCURRENTLY,
    });
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { Queue } from 'bullmq';
import { Histogram, Registry } from 'prom-client';
import { DURATION_BUCKETS, gauge, histogram, METRIC_REGISTRY } from '@vigil/observability';
import { EXPIRY_QUEUE_CLIENT } from './expiry.providers';

/** Job states whose counts are exported; completed jobs are removed and not worth a series. */
export const EXPORTED_JOB_STATES = ['waiting', 'delayed', 'active', 'failed'] as const;

/** Buckets of expiry lag in seconds: a timer on time is under a second late, a swept one minutes. */
const EXPIRY_LAG_BUCKETS = [0.1, 0.5, 1, 2, 5, 10, 30, 60, 120, 300, 600, 1800];

/**
 * Metrics of the expiry timers: job counts by state (read from Redis on each scrape), job
 * durations, and how long after its due time each session was expired.
 */
@Injectable()
export class ExpiryMetrics {
  readonly jobDuration: Histogram;
  readonly expiryLag: Histogram;

  constructor(
    @Inject(METRIC_REGISTRY) registry: Registry,
    @Inject(EXPIRY_QUEUE_CLIENT) queue: Queue,
  ) {
    gauge(registry, {
      name: 'vigil_expiry_jobs',
      help: 'Expiry timer jobs by state, read from the queue at scrape time',
      labelNames: ['state'],
      async collect() {
        const counts = await queue.getJobCounts(...EXPORTED_JOB_STATES);
        for (const state of EXPORTED_JOB_STATES) {
          this.set({ state }, counts[state] ?? 0);
        }
      },
    });
    this.jobDuration = histogram(registry, {
      name: 'vigil_expiry_job_duration_seconds',
      help: 'Time to run one SessionExpire job, in seconds',
      buckets: DURATION_BUCKETS,
    });
    this.expiryLag = histogram(registry, {
      name: 'vigil_session_expiry_lag_seconds',
      help: 'Time between a session expiry due time and the write of its expired state',
      buckets: EXPIRY_LAG_BUCKETS,
    });
  }

  /** Records the lag of an expiry written at `expiredAt` for a session due at `dueAt`. */
  observeExpiryLag(dueAt: Date, expiredAt: Date): void {
    this.expiryLag.observe(Math.max(0, expiredAt.getTime() - dueAt.getTime()) / 1000);
  }
}

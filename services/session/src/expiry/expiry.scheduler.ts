import { Inject, Injectable } from '@nestjs/common';
import { Queue } from 'bullmq';
import { PinoLogger } from 'nestjs-pino';
import { injectTraceContext, isTracingEnabled } from '@vigil/observability';
import { EXPIRY_QUEUE_CLIENT } from './expiry.providers';
import {
  expiryJobId,
  SESSION_EXPIRE_JOB,
  SESSION_EXPIRE_JOB_OPTIONS,
  SessionExpireJob,
} from './expiry.queue';

/** How long a consumer waits for Redis to accept a timer before leaving the session to the sweep. */
const SCHEDULE_TIMEOUT_MS = 2_000;

/** Adds the delayed jobs that expire device sessions. */
@Injectable()
export class ExpiryScheduler {
  constructor(
    @Inject(EXPIRY_QUEUE_CLIENT) private readonly queue: Queue<SessionExpireJob>,
    private readonly logger: PinoLogger,
  ) {
    this.logger.setContext(ExpiryScheduler.name);
  }

  /** Adds the timer that expires the session at `dueAt`; adding the same timer again does nothing. */
  async schedule(job: SessionExpireJob, dueAt: Date): Promise<string> {
    const jobId = expiryJobId(job.session_id, dueAt);
    const delay = Math.max(0, dueAt.getTime() - Date.now());
    const data = isTracingEnabled() ? { ...job, trace_context: injectTraceContext() } : job;
    await this.queue.add(SESSION_EXPIRE_JOB, data, { ...SESSION_EXPIRE_JOB_OPTIONS, jobId, delay });

    return jobId;
  }

  /**
   * Schedules the timer, but does not hold up a consumer while Redis is unreachable: the session
   * then keeps running until the sweep finds it past its expiry.
   */
  async scheduleOrLeaveToSweep(job: SessionExpireJob, dueAt: Date): Promise<void> {
    let timeout: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      const message = `scheduling the expiry timer timed out after ${SCHEDULE_TIMEOUT_MS} ms`;
      timeout = setTimeout(() => reject(new Error(message)), SCHEDULE_TIMEOUT_MS);
    });
    try {
      await Promise.race([this.schedule(job, dueAt), timedOut]);
    } catch (error) {
      this.logger.warn(
        { err: error, session_id: job.session_id, correlation_id: job.correlation_id },
        'expiry timer not scheduled; the sweep will expire the session',
      );
    } finally {
      clearTimeout(timeout);
    }
  }
}

import { Inject, Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { Job, UnrecoverableError, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { PinoLogger } from 'nestjs-pino';
import { isRetriable } from '@vigil/contracts';
import { trackShutdownStep } from '@vigil/observability';
import { EXPIRY_REDIS } from './expiry.providers';
import { EXPIRY_QUEUE, SESSION_EXPIRE_JOB, SessionExpireJob } from './expiry.queue';
import { ExpiryCheckPublisher } from './expiry-check.publisher';
import { ExpiryMetrics } from './expiry.metrics';
import { runExpiryJobInContext } from './expiry-job.context';

/** Timers handled at once by one service instance; each is a few MongoDB round trips. */
const CONCURRENCY = 8;

/** Runs the `SessionExpire` jobs of the expiry queue in this service. */
@Injectable()
export class ExpiryWorker implements OnApplicationBootstrap, OnModuleDestroy {
  private worker: Worker<SessionExpireJob, void> | undefined;

  constructor(
    @Inject(EXPIRY_REDIS) private readonly redis: Redis,
    private readonly checks: ExpiryCheckPublisher,
    private readonly logger: PinoLogger,
    private readonly metrics: ExpiryMetrics,
  ) {
    this.logger.setContext(ExpiryWorker.name);
  }

  onApplicationBootstrap(): void {
    const processor = (job: Job<SessionExpireJob, void>) =>
      runExpiryJobInContext(job, this.metrics, () => this.run(job));
    this.worker = new Worker<SessionExpireJob, void>(EXPIRY_QUEUE, processor, {
      connection: this.redis,
      concurrency: CONCURRENCY,
    });
    this.worker.on('failed', (job, error) =>
      this.logger.error(
        { err: error, job_id: job?.id, attempts: job?.attemptsMade, ...job?.data },
        'expiry job failed',
      ),
    );
    this.worker.on('error', (error) => this.logger.error({ err: error }, 'expiry worker error'));
    this.logger.info({ queue: EXPIRY_QUEUE, concurrency: CONCURRENCY }, 'expiry worker started');
  }

  async onModuleDestroy(): Promise<void> {
    await trackShutdownStep('expiry worker', async () => this.worker?.close());
    this.logger.info({ queue: EXPIRY_QUEUE }, 'expiry worker stopped');
  }

  /** Asks the activity consumer to check the session; the job id names the check. */
  private async run(job: Job<SessionExpireJob, void>): Promise<void> {
    if (job.name !== SESSION_EXPIRE_JOB) {
      throw new UnrecoverableError(`unknown job ${job.name} on queue ${EXPIRY_QUEUE}`);
    }
    try {
      await this.checks.request(job.data, 'timer', job.id ?? job.name);
    } catch (error) {
      // A permanent error fails the job for good instead of using up its attempts.
      if (!isRetriable(error)) {
        throw new UnrecoverableError((error as Error).message);
      }
      throw error;
    }
  }
}

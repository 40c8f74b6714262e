import { Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { HealthRegistry, trackShutdownStep } from '@vigil/observability';
import { DeviceSessionModule } from '../device-session/device-session.module';
import {
  EXPIRY_QUEUE_CLIENT,
  EXPIRY_REDIS,
  expiryQueueProvider,
  expiryRedisProvider,
} from './expiry.providers';
import { ExpiryMetrics } from './expiry.metrics';
import { ExpiryScheduler } from './expiry.scheduler';
import { ExpirySweep } from './expiry.sweep';
import { ExpiryWorker } from './expiry.worker';
import { SessionExpirer } from './session-expirer';

/** How long the readiness check waits for the reply to a Redis ping. */
const PING_TIMEOUT_MS = 1_000;

/** Expiry timers on BullMQ, the worker that runs them, and the sweep for lost timers. */
@Module({
  imports: [DeviceSessionModule],
  providers: [
    expiryRedisProvider,
    expiryQueueProvider,
    ExpiryMetrics,
    ExpiryScheduler,
    SessionExpirer,
    ExpiryWorker,
    ExpirySweep,
  ],
  exports: [ExpiryScheduler, SessionExpirer, ExpirySweep],
})
export class ExpiryModule implements OnApplicationShutdown {
  constructor(
    @Inject(EXPIRY_REDIS) private readonly redis: Redis,
    @Inject(EXPIRY_QUEUE_CLIENT) private readonly queue: Queue,
    health: HealthRegistry,
  ) {
    health.register('redis', () => this.redisProblem());
  }

  /** Closes the queue after the consumers stopped, since they add timers until then. */
  async onApplicationShutdown(): Promise<void> {
    await trackShutdownStep('expiry queue', () => this.queue.close());
    await trackShutdownStep('redis', () => this.redis.quit());
  }

  private async redisProblem(): Promise<string | undefined> {
    if (this.redis.status !== 'ready') {
      return `redis connection is ${this.redis.status}`;
    }
    let timeout: NodeJS.Timeout | undefined;
    const timedOut = new Promise<string>((resolve) => {
      timeout = setTimeout(() => resolve('redis did not answer a ping in time'), PING_TIMEOUT_MS);
    });
    const pinged = this.redis.ping().then(() => undefined);
    try {
      return await Promise.race([pinged, timedOut]);
    } finally {
      clearTimeout(timeout);
    }
  }
}

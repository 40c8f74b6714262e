import { Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { HealthRegistry, trackShutdownStep } from '@vigil/observability';
import { EndedSessions } from '@vigil/persistence';
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
import { ExpiryCheckPublisher } from './expiry-check.publisher';
import { SessionEndAnnouncer } from './session-end.announcer';

/** How long the readiness check waits for the reply to a Redis ping. */
const PING_TIMEOUT_MS = 1_000;

/** Expiry timers on BullMQ, the worker that runs them, and the sweep for lost timers. */
@Module({
  imports: [DeviceSessionModule],
  providers: [
    expiryRedisProvider,
    expiryQueueProvider,
    {
      provide: EndedSessions,
      inject: [EXPIRY_REDIS],
      useFactory: (redis: Redis) => new EndedSessions(redis),
    },
    ExpiryMetrics,
    ExpiryScheduler,
    ExpiryCheckPublisher,
    SessionEndAnnouncer,
    ExpiryWorker,
    ExpirySweep,
  ],
  exports: [ExpiryScheduler, SessionEndAnnouncer, ExpirySweep],
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

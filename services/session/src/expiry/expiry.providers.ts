import { Provider } from '@nestjs/common';
import { Queue } from 'bullmq';
import IORedis, { Redis } from 'ioredis';
import { SessionSettings } from '../session.settings';
import { EXPIRY_QUEUE, SessionExpireJob } from './expiry.queue';

export const EXPIRY_REDIS = Symbol('EXPIRY_REDIS');
export const EXPIRY_QUEUE_CLIENT = Symbol('EXPIRY_QUEUE_CLIENT');

/**
 * The Redis connection of the expiry queue. BullMQ needs `maxRetriesPerRequest: null` so that its
 * blocking commands wait through a reconnect instead of failing.
 */
export const expiryRedisProvider: Provider = {
  provide: EXPIRY_REDIS,
  inject: [SessionSettings],
  useFactory: (settings: SessionSettings): Redis =>
    new IORedis(settings.REDIS_URL, { maxRetriesPerRequest: null }),
};

export const expiryQueueProvider: Provider = {
  provide: EXPIRY_QUEUE_CLIENT,
  inject: [EXPIRY_REDIS],
  useFactory: (redis: Redis) => new Queue<SessionExpireJob>(EXPIRY_QUEUE, { connection: redis }),
};

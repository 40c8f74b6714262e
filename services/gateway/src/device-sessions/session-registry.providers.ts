import { Provider } from '@nestjs/common';
import IORedis, { Redis } from 'ioredis';
import { EndedSessions } from '@vigil/persistence';
import { GatewaySettings } from '../gateway.settings';

export const GATEWAY_REDIS = Symbol('GATEWAY_REDIS');

/**
 * The gateway's Redis connection, used only to look up ended sessions. A command fails after one
 * reconnect attempt, so a Redis outage returns 503 at once instead of holding requests.
 */
export const gatewayRedisProvider: Provider = {
  provide: GATEWAY_REDIS,
  inject: [GatewaySettings],
  useFactory: (settings: GatewaySettings): Redis =>
    new IORedis(settings.REDIS_URL, { maxRetriesPerRequest: 1, connectTimeout: 2_000 }),
};

export const endedSessionsProvider: Provider = {
  provide: EndedSessions,
  inject: [GATEWAY_REDIS],
  useFactory: (redis: Redis) => new EndedSessions(redis),
};

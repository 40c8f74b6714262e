import { Provider } from '@nestjs/common';
import IORedis, { Redis } from 'ioredis';
import { GatewaySettings } from './gateway.settings';

export const GATEWAY_REDIS = Symbol('GATEWAY_REDIS');

/**
 * The gateway's one Redis connection: ended-session marks, labels and failed logins. A command
 * fails after one reconnect attempt, so a Redis outage returns 503 at once instead of holding
 * requests. GatewayReadiness reports it and closes it at shutdown.
 */
export const gatewayRedisProvider: Provider = {
  provide: GATEWAY_REDIS,
  inject: [GatewaySettings],
  useFactory: (settings: GatewaySettings): Redis =>
    new IORedis(settings.REDIS_URL, { maxRetriesPerRequest: 1, connectTimeout: 2_000 }),
};

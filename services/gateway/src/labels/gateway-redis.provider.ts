import { Inject, Injectable, OnApplicationShutdown, Provider } from '@nestjs/common';
import Redis from 'ioredis';
import { LabelReputationStore } from '../../../scoring/src/labels/label-reputation.store';
import { GatewaySettings } from '../gateway.settings';

export const GATEWAY_REDIS = Symbol('GATEWAY_REDIS');

/** Closes the gateway's Redis connection on shutdown. */
@Injectable()
export class GatewayRedisShutdown implements OnApplicationShutdown {
  constructor(@Inject(GATEWAY_REDIS) private readonly redis: Redis) {}

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit();
  }
}

/** Redis, used to write labels and failed logins where the scoring service reads them. */
export const labelStoreProviders: Provider[] = [
  {
    provide: GATEWAY_REDIS,
    inject: [GatewaySettings],
    useFactory: (settings: GatewaySettings) =>
      new Redis(settings.REDIS_URL, { maxRetriesPerRequest: 3, lazyConnect: false }),
  },
  {
    provide: LabelReputationStore,
    inject: [GATEWAY_REDIS, GatewaySettings],
    useFactory: (redis: Redis, settings: GatewaySettings) =>
      new LabelReputationStore(redis, settings.HISTORY_KEY_PREFIX),
  },
  GatewayRedisShutdown,
];

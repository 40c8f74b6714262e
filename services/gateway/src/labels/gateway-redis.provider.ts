import { Inject, Injectable, OnApplicationShutdown, OnModuleInit, Provider } from '@nestjs/common';
import Redis from 'ioredis';
import { HealthRegistry } from '@vigil/observability';
import { LabelReputationStore } from '../../../scoring/src/labels/label-reputation.store';
import { GatewaySettings } from '../gateway.settings';

export const GATEWAY_REDIS = Symbol('GATEWAY_REDIS');

/** Reports the gateway's Redis connection in readiness and closes it on shutdown. */
@Injectable()
export class GatewayRedisLifecycle implements OnModuleInit, OnApplicationShutdown {
  constructor(
    @Inject(GATEWAY_REDIS) private readonly redis: Redis,
    private readonly health: HealthRegistry,
  ) {}

  onModuleInit(): void {
    this.health.register('redis', () =>
      this.redis.status === 'ready' ? undefined : `redis connection is ${this.redis.status}`,
    );
  }

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
  GatewayRedisLifecycle,
];

import { Provider } from '@nestjs/common';
import { Redis } from 'ioredis';
import { LabelReputationStore } from '../../../scoring/src/labels/label-reputation.store';
import { GATEWAY_REDIS } from '../gateway-redis';
import { GatewaySettings } from '../gateway.settings';

/** The store that writes labels where the scoring service's reputation signals read them. */
export const labelStoreProviders: Provider[] = [
  {
    provide: LabelReputationStore,
    inject: [GATEWAY_REDIS, GatewaySettings],
    useFactory: (redis: Redis, settings: GatewaySettings) =>
      new LabelReputationStore(redis, settings.HISTORY_KEY_PREFIX),
  },
];

import { Provider } from '@nestjs/common';
import Redis from 'ioredis';
import { InfrastructureSettings } from '@vigil/config';
import { RedisActionHistoryStore } from '../risk/history.store';
import { defaultIpReputationDirectory, IpReputation } from '../risk/ip-reputation';
import { ScoringSettings } from '../scoring.settings';

export const REDIS = Symbol('REDIS');
export const ACTION_HISTORY_STORE = Symbol('ACTION_HISTORY_STORE');

export const scoringProviders: Provider[] = [
  {
    provide: REDIS,
    inject: [InfrastructureSettings],
    useFactory: (settings: InfrastructureSettings) =>
      new Redis(settings.REDIS_URL, { maxRetriesPerRequest: 3, enableOfflineQueue: true }),
  },
  {
    provide: ACTION_HISTORY_STORE,
    inject: [REDIS, ScoringSettings],
    useFactory: (redis: Redis, settings: ScoringSettings) =>
      new RedisActionHistoryStore(redis, { keyPrefix: settings.HISTORY_KEY_PREFIX }),
  },
  {
    provide: IpReputation,
    inject: [ScoringSettings],
    // Loading parses about 60,000 ranges once at boot.
    useFactory: (settings: ScoringSettings) =>
      IpReputation.loadFromDirectory(settings.IP_REPUTATION_DIR ?? defaultIpReputationDirectory()),
  },
];

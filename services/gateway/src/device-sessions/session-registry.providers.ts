import { Provider } from '@nestjs/common';
import { Redis } from 'ioredis';
import { EndedSessions } from '@vigil/persistence';
import { GATEWAY_REDIS } from '../gateway-redis';

/** The marks of ended sessions, read on every call that carries a session token. */
export const endedSessionsProvider: Provider = {
  provide: EndedSessions,
  inject: [GATEWAY_REDIS],
  useFactory: (redis: Redis) => new EndedSessions(redis),
};

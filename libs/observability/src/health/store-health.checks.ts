import type { Redis } from 'ioredis';
import type { Connection } from 'mongoose';
import { HealthCheck } from './health.registry';

/**
 * Returns a check that pings MongoDB, so a server that stopped responding fails readiness even
 * while the driver still counts the connection as open.
 */
export function mongoPingCheck(connection: Connection): HealthCheck {
  return async () => {
    if (connection.readyState !== 1 || !connection.db) {
      return `mongodb connection is not open (state ${connection.readyState})`;
    }
    await connection.db.admin().ping();

    return undefined;
  };
}

/** Returns a check that pings Redis. A connection that is not ready fails without a ping. */
export function redisPingCheck(redis: Redis): HealthCheck {
  return async () => {
    if (redis.status !== 'ready') {
      return `redis connection is ${redis.status}`;
    }
    await redis.ping();

    return undefined;
  };
}

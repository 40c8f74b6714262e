import { Redis } from 'ioredis';

/** Sum of the `calls` of every command in INFO commandstats (server-wide, all databases). */
export async function totalCommandCalls(redis: Redis): Promise<number> {
  const info = await redis.info('commandstats');
  let total = 0;
  for (const match of info.matchAll(/^cmdstat_[^:]+:calls=(\d+)/gm)) {
    total += Number(match[1]);
  }

  return total;
}

/** `used_memory` from INFO memory, in bytes (server-wide). */
export async function usedMemoryBytes(redis: Redis): Promise<number> {
  const info = await redis.info('memory');
  const match = /^used_memory:(\d+)/m.exec(info);
  if (!match) {
    throw new Error('INFO memory returned no used_memory line');
  }

  return Number(match[1]);
}

/** `redis_version` from INFO server. */
export async function redisVersion(redis: Redis): Promise<string> {
  const info = await redis.info('server');

  return /^redis_version:(\S+)/m.exec(info)?.[1] ?? 'unknown';
}

/** Deletes the keys of the current database that match `pattern`, with SCAN and UNLINK. */
export async function deleteKeys(redis: Redis, pattern: string): Promise<number> {
  let cursor = '0';
  let deleted = 0;
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
    cursor = next;
    if (keys.length > 0) {
      deleted += await redis.unlink(...keys);
    }
  } while (cursor !== '0');

  return deleted;
}

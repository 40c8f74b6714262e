import { Redis } from 'ioredis';

/** Returns the sum of `calls` over INFO commandstats (server-wide, all databases). */
export async function totalCommandCalls(redis: Redis): Promise<number> {
  const info = await redis.info('commandstats');
  let total = 0;
  for (const match of info.matchAll(/^cmdstat_[^:]+:calls=(\d+)/gm)) {
    total += Number(match[1]);
  }

  return total;
}

/** Returns `used_memory` from INFO memory, in bytes (server-wide). */
export async function usedMemoryBytes(redis: Redis): Promise<number> {
  const info = await redis.info('memory');
  const match = /^used_memory:(\d+)/m.exec(info);
  if (!match) {
    throw new Error('INFO memory returned no used_memory line; is the server Redis 7 or newer?');
  }

  return Number(match[1]);
}

/** Returns `redis_version` and the setting that decides how compact a job hash is. */
export async function redisVersion(redis: Redis): Promise<string> {
  const info = await redis.info('server');
  const version = /^redis_version:(\S+)/m.exec(info)?.[1] ?? 'unknown';
  const [, listpackValue] = (await redis.config('GET', 'hash-max-listpack-value')) as string[];

  return `${version} (hash-max-listpack-value ${listpackValue ?? 'unknown'})`;
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

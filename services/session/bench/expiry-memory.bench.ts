/**
 * Measures the Redis memory that active device sessions cost: one expiry timer each, added by
 * the service's own scheduler code to a queue in a Redis database of its own, in batches the way
 * a busy activity consumer adds them. It also times the scheduling.
 *
 *   npm run build && . .local/env && \
 *     node -r ./deploy/runtime/register.js dist/services/session/bench/expiry-memory.bench.js [sessions]
 *
 * BENCH_REDIS_DB picks the database (default 15); it is emptied before and after the run.
 */
import { Queue } from 'bullmq';
import IORedis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { PinoLogger } from 'nestjs-pino';
import { ExpiryScheduler } from '../src/expiry/expiry.scheduler';
import { SessionExpireJob } from '../src/expiry/expiry.queue';

const SESSIONS = Number(process.argv[2] ?? 100_000);
const BATCH = 500;
const DAY_MS = 24 * 3600_000;

async function usedMemory(redis: IORedis): Promise<number> {
  const info = await redis.info('memory');

  return Number(/used_memory:(\d+)/.exec(info)?.[1] ?? NaN);
}

async function main(): Promise<void> {
  const url = new URL(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  url.pathname = `/${process.env.BENCH_REDIS_DB ?? '15'}`;
  const redis = new IORedis(url.toString(), { maxRetriesPerRequest: null });
  await redis.flushdb();
  const queue = new Queue<SessionExpireJob>('device-session-expiry', { connection: redis });
  const scheduler = new ExpiryScheduler(queue, new PinoLogger({ pinoHttp: { level: 'warn' } }));
  await queue.waitUntilReady();
  const before = await usedMemory(redis);
  const startedAt = Date.now();
  for (let done = 0; done < SESSIONS; done += BATCH) {
    const batch = Array.from({ length: Math.min(BATCH, SESSIONS - done) }, () => {
      const sessionId = `s_${randomUUID()}`;
      const job = { tenant_id: 't_bench', session_id: sessionId, correlation_id: randomUUID() };

      return scheduler.schedule(job, new Date(Date.now() + DAY_MS));
    });
    await Promise.all(batch);
  }
  const seconds = (Date.now() - startedAt) / 1000;
  const after = await usedMemory(redis);
  const perSession = (after - before) / SESSIONS;
  console.log(
    JSON.stringify({
      sessions: SESSIONS,
      redis_used_memory_delta_bytes: after - before,
      bytes_per_session: Math.round(perSession),
      schedule_seconds: Number(seconds.toFixed(1)),
      timers_per_second: Math.round(SESSIONS / seconds),
      delayed_jobs: await queue.getDelayedCount(),
    }),
  );
  await queue.close();
  await redis.flushdb();
  await redis.quit();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

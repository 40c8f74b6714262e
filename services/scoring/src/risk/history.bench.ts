/**
 * Measures the Redis cost of the action history: sequential `recordAndRead` calls, one client.
 *
 *   npm run build
 *   node -r ./deploy/runtime/register.js dist/services/scoring/src/risk/history.bench.js
 *
 * It uses REDIS_URL (default redis://127.0.0.1:6379) and deletes its own keys afterwards.
 */
import Redis from 'ioredis';
import { ActionContextualized } from '@vigil/contracts';
import { RedisActionHistoryStore } from './history.store';

const ACTIONS = 2000;

function actionNumber(index: number): ActionContextualized {
  const deviceId = `device-${index % 200}`;

  return {
    action: {
      action_id: `action-${index}`,
      action_type: 'login',
      device_id: deviceId,
      source: 'sdk',
      user_id: `user-${index % 300}`,
      client: { ip: `73.162.${index % 50}.1` },
    },
    session: {
      device_id: deviceId,
      started_at: '2024-08-20T10:00:00.000Z',
      distinct_user_count: 1,
      action_count: 1,
      telemetry_event_count: 0,
    },
  };
}

async function main(): Promise<void> {
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  const keyPrefix = `bench:history:${Date.now()}:`;
  const store = new RedisActionHistoryStore(redis, { keyPrefix });
  const started = performance.now();
  for (let index = 0; index < ACTIONS; index += 1) {
    const country = index % 7 === 0 ? 'DE' : 'US';
    await store.recordAndRead(actionNumber(index), new Date(Date.now() + index), 'bench', {
      country,
    });
  }
  const elapsedMs = performance.now() - started;
  console.log(
    `${ACTIONS} actions in ${elapsedMs.toFixed(0)} ms, ${(elapsedMs / ACTIONS).toFixed(3)} ms each`,
  );

  const keys = await redis.keys(`${keyPrefix}*`);
  if (keys.length > 0) {
    await redis.del(...keys);
  }
  await redis.quit();
}

void main();

import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { ActionContextualized } from '@vigil/contracts';
import { LabelReputationStore } from '../../services/scoring/src/labels/label-reputation.store';
import { RedisActionHistoryStore } from '../../services/scoring/src/risk/history.store';
import {
  actionInput,
  ActionInputChanges,
  RESIDENTIAL_IP,
} from '../../services/scoring/src/risk/testing/risk-builders';
import { loadStackEnvironment } from '../support/stack';

loadStackEnvironment();
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

const T0 = Date.parse('2024-08-20T12:00:00.000Z');
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const TENANT = 'tenant-1';

function at(offsetMs: number): Date {
  return new Date(T0 + offsetMs);
}

function action(actionId: string, changes: ActionInputChanges = {}): ActionContextualized {
  return actionInput({ ...changes, action: { action_id: actionId, ...changes.action } });
}

describe('RedisActionHistoryStore signal history', () => {
  let redis: Redis;
  let keyPrefix: string;
  let store: RedisActionHistoryStore;

  beforeAll(() => {
    redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
  });

  afterAll(async () => {
    await redis.quit();
  });

  beforeEach(() => {
    keyPrefix = `test:signal-history:${randomUUID()}:`;
    store = new RedisActionHistoryStore(redis, { keyPrefix });
  });

  afterEach(async () => {
    const keys: string[] = [];
    for await (const batch of redis.scanStream({ match: `${keyPrefix}*`, count: 100 })) {
      keys.push(...(batch as string[]));
    }
    if (keys.length > 0) {
      await redis.del(...keys);
    }
  });

  it('counts failed results of the device and the user per window', async () => {
    const result = { actionId: 'f-1', deviceId: 'device-1', userId: 'user-1' };
    await store.recordFailedResult(TENANT, result, at(-2 * HOUR));
    await store.recordFailedResult(TENANT, { ...result, actionId: 'f-2' }, at(-30 * MINUTE));
    await store.recordFailedResult(TENANT, { ...result, actionId: 'f-3' }, at(-10_000));
    await store.recordFailedResult(TENANT, { ...result, actionId: 'f-3' }, at(-10_000));

    const history = await store.recordAndRead(action('a-1'), at(0), TENANT);

    expect(history.failedResults?.device).toEqual({ lastMinute: 1, lastHour: 2, lastDay: 3 });
    expect(history.failedResults?.user).toEqual({ lastMinute: 1, lastHour: 2, lastDay: 3 });
  });

  it('counts users and devices per day', async () => {
    await store.recordAndRead(action('a-1', { action: { user_id: 'user-2' } }), at(-HOUR), TENANT);
    await store.recordAndRead(
      action('a-2', { action: { user_id: 'user-3' } }),
      at(-MINUTE),
      TENANT,
    );
    const other = { action: { device_id: 'device-2' }, session: { device_id: 'device-2' } };
    await store.recordAndRead(action('a-3', other), at(-MINUTE), TENANT);

    const history = await store.recordAndRead(action('a-4'), at(0), TENANT);

    expect(history.deviceUserCountLastDay).toBe(3);
    expect(history.userDeviceCountLastDay).toBe(2);
  });

  it('lists the IPs of a device session', async () => {
    await store.recordAndRead(
      action('a-1', { client: { ip: '203.0.113.9' } }),
      at(-MINUTE),
      TENANT,
    );

    const history = await store.recordAndRead(action('a-2'), at(0), TENANT);

    expect(history.sessionIps).toEqual(['203.0.113.9', RESIDENTIAL_IP]);
  });

  it('finds a new country and the previous location of a user', async () => {
    await store.recordAndRead(action('a-1'), at(-HOUR), TENANT, { country: 'DE' });

    const history = await store.recordAndRead(action('a-2'), at(0), TENANT, { country: 'US' });
    const replay = await store.recordAndRead(action('a-2'), at(5_000), TENANT, { country: 'US' });

    expect(history.userNewCountry).toEqual({ country: 'US', knownCountries: ['DE'] });
    expect(history.previousUserLocation).toEqual({
      action_id: 'a-1',
      country: 'DE',
      at: T0 - HOUR,
    });
    expect(replay.previousUserLocation).toEqual(history.previousUserLocation);
  });

  it('sees no new country on the first located action', async () => {
    const history = await store.recordAndRead(action('a-1'), at(0), TENANT, { country: 'US' });

    expect(history.userNewCountry).toBeUndefined();
    expect(history.previousUserLocation).toBeUndefined();
  });

  it('reads the labels the label store wrote', async () => {
    const labels = new LabelReputationStore(redis, keyPrefix);
    const mark = { label: 'confirmed_fraud' as const, label_id: 'l-1', labelled_at: '2024-08-20' };
    await labels.write(TENANT, 'device', 'device-1', mark);
    await labels.write(TENANT, 'ip', `::ffff:${RESIDENTIAL_IP}`, { ...mark, label_id: 'l-2' });

    const history = await store.recordAndRead(action('a-1'), at(0), TENANT);
    const otherTenant = await store.recordAndRead(action('a-2'), at(0), 'tenant-2');

    expect(history.labels).toEqual({ device: mark, ip: { ...mark, label_id: 'l-2' } });
    expect(otherTenant.labels).toEqual({});
  });

  it('returns the first history on replay', async () => {
    await store.recordFailedResult(TENANT, { actionId: 'f-1', deviceId: 'device-1' }, at(-MINUTE));
    await store.recordAndRead(action('a-1'), at(-HOUR), TENANT, { country: 'DE' });
    const first = await store.recordAndRead(action('a-2'), at(0), TENANT, { country: 'US' });
    const later = { action: { user_id: 'user-9' }, client: { ip: '203.0.113.9' } };
    await store.recordAndRead(action('a-3', later), at(MINUTE), TENANT, { country: 'FR' });
    await store.recordFailedResult(TENANT, { actionId: 'f-2', deviceId: 'device-1' }, at(MINUTE));

    const replay = await store.recordAndRead(action('a-2'), at(2 * MINUTE), TENANT, {
      country: 'US',
    });

    expect(replay).toEqual(first);
  });

  it('sets a time to live on every key it writes', async () => {
    await store.recordFailedResult(TENANT, { actionId: 'f-1', deviceId: 'device-1' }, at(0));
    await store.recordAndRead(action('a-1'), at(0), TENANT, { country: 'US' });

    const keys: string[] = [];
    for await (const batch of redis.scanStream({ match: `${keyPrefix}*`, count: 100 })) {
      keys.push(...(batch as string[]));
    }
    const ttls = await Promise.all(keys.map((key) => redis.pttl(key)));

    expect(keys.length).toBeGreaterThan(8);
    expect(ttls.filter((ttl) => ttl < 0)).toEqual([]);
  });
});

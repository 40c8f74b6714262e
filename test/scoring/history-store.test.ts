import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { ActionContextualized } from '@vigil/contracts';
import { assessAction } from '../../services/scoring/src/risk/assess-action';
import { RedisActionHistoryStore } from '../../services/scoring/src/risk/history.store';
import {
  defaultIpReputationDirectory,
  IpReputation,
} from '../../services/scoring/src/risk/ip-reputation';
import {
  actionInput,
  ActionInputChanges,
} from '../../services/scoring/src/risk/testing/risk-builders';
import { loadStackEnvironment } from '../support/stack';

loadStackEnvironment();
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

const T0 = Date.parse('2024-08-20T12:00:00.000Z');
const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

function at(offsetMs: number): Date {
  return new Date(T0 + offsetMs);
}

/** Builds an action of `user-1` on `device-1`, named `actionId`, with `changes` applied. */
function action(actionId: string, changes: ActionInputChanges = {}): ActionContextualized {
  return actionInput({ ...changes, action: { action_id: actionId, ...changes.action } });
}

/** Builds an action of `user-1` on another device, in a device session of its own. */
function actionOnDevice(actionId: string, deviceId: string): ActionContextualized {
  return action(actionId, { action: { device_id: deviceId }, session: { device_id: deviceId } });
}

describe(RedisActionHistoryStore.name, () => {
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
    keyPrefix = `test:scoring-history:${randomUUID()}:`;
    store = new RedisActionHistoryStore(redis, { keyPrefix });
  });

  afterEach(async () => {
    const keys = await keysOfTest();
    if (keys.length > 0) {
      await redis.del(...keys);
    }
  });

  async function keysOfTest(): Promise<string[]> {
    const keys: string[] = [];
    const stream = redis.scanStream({ match: `${keyPrefix}*`, count: 100 });
    for await (const batch of stream) {
      keys.push(...(batch as string[]));
    }

    return keys;
  }

  it('counts actions per window', async () => {
    await store.recordAndRead(action('a-25h'), at(-25 * HOUR));
    await store.recordAndRead(action('a-2h'), at(-2 * HOUR));
    await store.recordAndRead(action('a-30m'), at(-30 * MINUTE));
    await store.recordAndRead(action('a-30s'), at(-30 * SECOND));

    const history = await store.recordAndRead(action('a-0'), at(0));

    const expected = { lastMinute: 2, lastHour: 3, lastDay: 4 };
    expect(history.session).toEqual(expected);
    expect(history.device).toEqual(expected);
    expect(history.user).toEqual(expected);
    expect(history.ip).toEqual(expected);
    expect(history.userPreviousActionCount).toBe(3);
  });

  it('trims actions older than a day', async () => {
    await store.recordAndRead(action('old'), at(-25 * HOUR));
    await store.recordAndRead(action('new'), at(0));

    const deviceKey = `${keyPrefix}:device-actions:device-1`;
    expect(await redis.zrange(deviceKey, 0, -1)).toEqual(['new']);
  });

  it('separates sessions, devices, users and IPs', async () => {
    await store.recordAndRead(action('a1'), at(0));
    const otherSession = action('a2', { session: { started_at: '2024-08-20T11:59:00.000Z' } });
    const sameDevice = await store.recordAndRead(otherSession, at(SECOND));
    const otherEverything = action('a3', {
      action: { device_id: 'device-2', user_id: 'user-2' },
      client: { ip: '73.162.10.21' },
      session: { device_id: 'device-2' },
    });
    const separate = await store.recordAndRead(otherEverything, at(2 * SECOND));

    expect(sameDevice.session.lastMinute).toBe(1);
    expect(sameDevice.device.lastMinute).toBe(2);
    expect(separate.session.lastMinute).toBe(1);
    expect(separate.device.lastMinute).toBe(1);
    expect(separate.user?.lastMinute).toBe(1);
    expect(separate.ip?.lastMinute).toBe(1);
  });

  it('does not count a replayed action twice', async () => {
    const first = await store.recordAndRead(action('a1'), at(0));
    await store.recordAndRead(action('a2'), at(SECOND));

    const replayed = await store.recordAndRead(action('a1'), at(5 * SECOND));
    const next = await store.recordAndRead(action('a3'), at(2 * SECOND));

    expect(replayed).toEqual(first);
    expect(next.session.lastMinute).toBe(3);
    expect(next.user?.lastMinute).toBe(3);
    expect(next.userPreviousActionCount).toBe(2);
  });

  it('keeps user-device novelty stable on replay', async () => {
    const firstOnA = await store.recordAndRead(action('a1'), at(0));
    const secondOnA = await store.recordAndRead(action('a2'), at(SECOND));
    const firstOnB = await store.recordAndRead(actionOnDevice('b1', 'device-b'), at(2 * SECOND));
    const thirdOnA = await store.recordAndRead(action('a3'), at(3 * SECOND));

    expect(firstOnA).toMatchObject({
      userKnownDevice: false,
      userDeviceCount: 1,
      userPreviousActionCount: 0,
    });
    expect(secondOnA).toMatchObject({ userKnownDevice: true, userDeviceCount: 1 });
    expect(firstOnB).toMatchObject({ userKnownDevice: false, userDeviceCount: 2 });
    expect(thirdOnA).toMatchObject({ userKnownDevice: true, userDeviceCount: 2 });
    expect(await store.recordAndRead(action('a1'), at(9 * SECOND))).toEqual(firstOnA);
    expect(await store.recordAndRead(actionOnDevice('b1', 'device-b'), at(9 * SECOND))).toEqual(
      firstOnB,
    );
  });

  it('returns no user or IP history without them', async () => {
    const input = action('a1', { action: { user_id: undefined }, client: { ip: undefined } });

    const history = await store.recordAndRead(input, at(0));

    expect(history.user).toBeUndefined();
    expect(history.ip).toBeUndefined();
    expect(history.userKnownDevice).toBe(false);
    expect(history.userDeviceCount).toBe(0);
    expect(history.session.lastMinute).toBe(1);
  });

  it("uses the session's user when the action names none", async () => {
    const sessionUser = { action: { user_id: undefined }, session: { current_user_id: 'user-1' } };
    await store.recordAndRead(action('a1'), at(0));

    const history = await store.recordAndRead(action('a2', sessionUser), at(SECOND));

    expect(history.user?.lastMinute).toBe(2);
    expect(history.userKnownDevice).toBe(true);
  });

  it('separates tenants', async () => {
    await store.recordAndRead(action('a1'), at(0), 'tenant-a');

    const other = await store.recordAndRead(action('a1'), at(SECOND), 'tenant-b');

    expect(other.session.lastMinute).toBe(1);
    expect(other.user?.lastMinute).toBe(1);
    expect(other.userKnownDevice).toBe(false);
  });

  it('counts spellings of one IPv6 address together', async () => {
    await store.recordAndRead(action('a1', { client: { ip: '2001:db8::1' } }), at(0));
    const spelled = action('a2', { client: { ip: '2001:0DB8:0:0:0:0:0:1' } });

    expect((await store.recordAndRead(spelled, at(SECOND))).ip?.lastMinute).toBe(2);
  });

  it('sets an expiry on every key', async () => {
    await store.recordAndRead(action('a1'), at(0));

    const keys = await keysOfTest();
    const ttls = await Promise.all(keys.map(async (key) => [key, await redis.pttl(key)] as const));

    // Six keys of action counts and known devices, three of users, devices and IPs per day.
    expect(keys).toHaveLength(9);
    for (const [key, ttl] of ttls) {
      const maxTtl = key.includes('user-device') ? 180 * 24 * HOUR : 25 * HOUR;
      expect({ key, expires: ttl > 0 }).toEqual({ key, expires: true });
      expect({ key, withinMax: ttl <= maxTtl }).toEqual({ key, withinMax: true });
    }
  });
});

describe('assessAction with Redis', () => {
  let redis: Redis;
  let ipReputation: IpReputation;
  let keyPrefix: string;
  let history: RedisActionHistoryStore;

  beforeAll(() => {
    redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
    ipReputation = IpReputation.loadFromDirectory(defaultIpReputationDirectory());
  });

  beforeEach(() => {
    keyPrefix = `test:scoring-assess:${randomUUID()}:`;
    history = new RedisActionHistoryStore(redis, { keyPrefix });
  });

  afterEach(async () => {
    const keys = await redis.keys(`${keyPrefix}*`);
    if (keys.length > 0) {
      await redis.del(...keys);
    }
  });

  afterAll(async () => {
    await redis.quit();
  });

  it('allows, then trusts, then challenges a burst', async () => {
    const types: string[] = [];
    for (let index = 0; index < 11; index += 1) {
      const now = at(index * SECOND);
      const { recommendation } = await assessAction(action(`a${index}`), {
        history,
        ipReputation,
        now,
      });
      types.push(`${recommendation.type}:${recommendation.reasons.map((reason) => reason.code)}`);
    }

    expect(types).toEqual([
      'ALLOW:',
      'TRUST:',
      'TRUST:',
      'TRUST:',
      'TRUST:',
      'ALLOW:USER_ACTION_VELOCITY',
      'ALLOW:USER_ACTION_VELOCITY',
      'ALLOW:USER_ACTION_VELOCITY',
      'ALLOW:USER_ACTION_VELOCITY',
      'ALLOW:USER_ACTION_VELOCITY',
      'CHALLENGE:SESSION_ACTION_VELOCITY,USER_ACTION_VELOCITY',
    ]);
  });

  it('flags a new device and repeats the verdict on replay', async () => {
    await assessAction(action('a1'), { history, ipReputation, now: at(0) });
    const onNewDevice = actionOnDevice('b1', 'device-b');

    const first = await assessAction(onNewDevice, { history, ipReputation, now: at(HOUR) });
    const replayed = await assessAction(onNewDevice, { history, ipReputation, now: at(2 * HOUR) });

    expect(first.recommendation.reasons.map((reason) => reason.code)).toEqual([
      'NEW_DEVICE_FOR_USER',
    ]);
    expect(replayed).toEqual(first);
  });
});

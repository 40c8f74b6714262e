import type { Redis } from 'ioredis';
import { ActionContextualized } from '@vigil/contracts';
import {
  ActionHistory,
  ActionHistoryStore,
  HISTORY_WINDOWS_MS,
  userOfAction,
  WindowCounts,
} from './action-history';
import { RECORD_ACTION_SCRIPT } from './history.script';
import { normalizeIp } from './ip-address';

export * from './action-history';

const RECORD_ACTION_COMMAND = 'vigilRecordActionHistory';
// Windows reach back one day; the extra hour keeps keys alive for events that arrive late.
const ACTION_KEY_TTL_MS = HISTORY_WINDOWS_MS.lastDay + HISTORY_WINDOWS_MS.lastHour;

/** Options of `RedisActionHistoryStore`. */
export interface RedisActionHistoryStoreOptions {
  /** Prepended to every key; tests pass a unique one. Default `vigil:scoring:history:`. */
  keyPrefix?: string;
  /**
   * How long a user's device list lives after the user's last action, in seconds. Default 180
   * days; after that, every device of the user counts as new again.
   */
  userDeviceTtlSeconds?: number;
}

type RecordActionCommand = (...keysAndArguments: string[]) => Promise<number[]>;

/**
 * Action history in Redis. Each action costs one script call, so one round trip, that records it
 * and reads its counts atomically. Action keys expire 25 hours after their last write.
 *
 * NOTE: the script touches the keys of one device, user and IP at once. Redis Cluster would
 * need them in one hash slot, so the store works only with a single Redis or a primary with
 * replicas.
 */
export class RedisActionHistoryStore implements ActionHistoryStore {
  private readonly keyPrefix: string;
  private readonly userDeviceTtlMs: number;

  constructor(
    private readonly redis: Redis,
    options: RedisActionHistoryStoreOptions = {},
  ) {
    this.keyPrefix = options.keyPrefix ?? 'vigil:scoring:history:';
    this.userDeviceTtlMs = (options.userDeviceTtlSeconds ?? 180 * 86_400) * 1000;
    redis.defineCommand(RECORD_ACTION_COMMAND, { numberOfKeys: 6, lua: RECORD_ACTION_SCRIPT });
  }

  /**
   * Records the action at `at` and returns its history. A replayed action id is not counted
   * again and is read at the time it was first recorded.
   */
  async recordAndRead(
    input: ActionContextualized,
    at: Date,
    tenantId = '',
  ): Promise<ActionHistory> {
    const commands = this.redis as unknown as Record<string, RecordActionCommand>;
    const keys = this.keysOf(input, tenantId);
    const counts = await commands[RECORD_ACTION_COMMAND].call(
      this.redis,
      ...keys,
      input.action.action_id,
      String(at.getTime()),
      input.action.device_id,
      String(ACTION_KEY_TTL_MS),
      String(this.userDeviceTtlMs),
    );

    return toActionHistory(counts, keys[2] !== '', keys[3] !== '');
  }

  private keysOf(input: ActionContextualized, tenantId: string): string[] {
    const prefix = `${this.keyPrefix}${tenantId}:`;
    const { action, session } = input;
    const userId = userOfAction(input);
    const ip = action.client.ip && (normalizeIp(action.client.ip) ?? action.client.ip);

    return [
      `${prefix}session-actions:${session.device_id}:${session.started_at}`,
      `${prefix}device-actions:${action.device_id}`,
      userId === undefined ? '' : `${prefix}user-actions:${userId}`,
      ip ? `${prefix}ip-actions:${ip}` : '',
      userId === undefined ? '' : `${prefix}user-device-first-actions:${userId}`,
      userId === undefined ? '' : `${prefix}user-device-first-use:${userId}`,
    ];
  }
}

function toActionHistory(counts: number[], hasUser: boolean, hasIp: boolean): ActionHistory {
  const windows = (offset: number): WindowCounts => ({
    lastMinute: counts[offset],
    lastHour: counts[offset + 1],
    lastDay: counts[offset + 2],
  });

  return {
    session: windows(0),
    device: windows(3),
    user: hasUser ? windows(6) : undefined,
    ip: hasIp ? windows(9) : undefined,
    userKnownDevice: counts[12] === 1,
    userDeviceCount: counts[13],
    userPreviousActionCount: counts[14],
  };
}

import type { Redis } from 'ioredis';
import { ActionContextualized } from '@vigil/contracts';
import {
  ActionFacts,
  ActionHistory,
  ActionHistoryStore,
  HISTORY_WINDOWS_MS,
  LabelTarget,
  userOfAction,
} from './action-history';
import { RECORD_ACTION_SCRIPT } from './history.script';
import {
  DEFAULT_HISTORY_KEY_PREFIX,
  failedResultKeys,
  ipKeyPart,
  labelKey,
  tenantKeyPrefix,
} from './history-keys';
import { toActionHistory } from './history-reply';
import { RECORD_FAILED_RESULT_SCRIPT, SIGNAL_HISTORY_SCRIPT } from './signal-history.script';

export * from './action-history';

const RECORD_ACTION_COMMAND = 'vigilRecordActionHistory';
const SIGNAL_HISTORY_COMMAND = 'vigilRecordSignalHistory';
const RECORD_FAILED_RESULT_COMMAND = 'vigilRecordFailedResult';
// Windows reach back one day; the extra hour keeps keys alive for events that arrive late.
const ACTION_KEY_TTL_MS = HISTORY_WINDOWS_MS.lastDay + HISTORY_WINDOWS_MS.lastHour;
/** Most members a set of users, devices, IPs, countries or failed results keeps. */
export const HISTORY_SET_MAX_MEMBERS = 1000;

/** Options of `RedisActionHistoryStore`. */
export interface RedisActionHistoryStoreOptions {
  /** Prepended to every key; tests pass a unique one. Default `vigil:scoring:history:`. */
  keyPrefix?: string;
  /**
   * How long a user's device list, countries and last location live after the user's last
   * action, in seconds. Default 180 days; after that, every device of the user counts as new.
   */
  userDeviceTtlSeconds?: number;
}

type ScriptCommand = (...keysAndArguments: string[]) => unknown;

/**
 * Action history in Redis. Each action costs one round trip: a pipeline of two scripts that
 * record it and read its counts, sets and labels. Keys of 24-hour windows expire 25 hours after
 * their last write, and every set is trimmed to a day or to `HISTORY_SET_MAX_MEMBERS`.
 *
 * NOTE: the scripts touch the keys of one device, user and IP at once. Redis Cluster would
 * need them in one hash slot, so the store works only with a single Redis or a primary with
 * replicas.
 */
export class RedisActionHistoryStore implements ActionHistoryStore {
  readonly keyPrefix: string;
  private readonly userDeviceTtlMs: number;

  constructor(
    private readonly redis: Redis,
    options: RedisActionHistoryStoreOptions = {},
  ) {
    this.keyPrefix = options.keyPrefix ?? DEFAULT_HISTORY_KEY_PREFIX;
    this.userDeviceTtlMs = (options.userDeviceTtlSeconds ?? 180 * 86_400) * 1000;
    redis.defineCommand(RECORD_ACTION_COMMAND, { numberOfKeys: 6, lua: RECORD_ACTION_SCRIPT });
    redis.defineCommand(SIGNAL_HISTORY_COMMAND, { numberOfKeys: 11, lua: SIGNAL_HISTORY_SCRIPT });
    redis.defineCommand(RECORD_FAILED_RESULT_COMMAND, {
      numberOfKeys: 2,
      lua: RECORD_FAILED_RESULT_SCRIPT,
    });
  }

  /**
   * Records the action at `at` and returns its history. A replayed action id is not counted
   * again and is read at the time it was first recorded.
   */
  async recordAndRead(
    input: ActionContextualized,
    at: Date,
    tenantId = '',
    facts: ActionFacts = {},
  ): Promise<ActionHistory> {
    const pipeline = this.redis.pipeline() as unknown as Record<string, ScriptCommand> & {
      exec(): Promise<Array<[Error | null, unknown]> | null>;
    };
    const actionKeys = this.actionKeysOf(input, tenantId);
    pipeline[RECORD_ACTION_COMMAND](
      ...actionKeys,
      input.action.action_id,
      String(at.getTime()),
      input.action.device_id,
      String(ACTION_KEY_TTL_MS),
      String(this.userDeviceTtlMs),
    );
    pipeline[SIGNAL_HISTORY_COMMAND](...this.signalArgumentsOf(input, at, tenantId, facts));
    const replies = (await pipeline.exec()) ?? [];
    const failed = replies.find(([error]) => error !== null);
    if (failed) {
      throw failed[0];
    }

    return toActionHistory(
      replies[0][1] as number[],
      replies[1][1] as unknown[],
      actionKeys[2] !== '',
      actionKeys[3] !== '',
      facts.country,
    );
  }

  /** Records a failed action result of a device and its user at `at`; idempotent by action id. */
  async recordFailedResult(
    tenantId: string,
    result: { actionId: string; deviceId: string; userId?: string },
    at: Date,
  ): Promise<void> {
    const commands = this.redis as unknown as Record<string, ScriptCommand>;
    await commands[RECORD_FAILED_RESULT_COMMAND].call(
      this.redis,
      ...failedResultKeys(this.keyPrefix, tenantId, result.deviceId, result.userId),
      result.actionId,
      String(at.getTime()),
      String(ACTION_KEY_TTL_MS),
      String(HISTORY_SET_MAX_MEMBERS),
    );
  }

  private actionKeysOf(input: ActionContextualized, tenantId: string): string[] {
    const prefix = tenantKeyPrefix(this.keyPrefix, tenantId);
    const { action, session } = input;
    const userId = userOfAction(input);
    const ip = action.client.ip && ipKeyPart(action.client.ip);

    return [
      `${prefix}session-actions:${session.device_id}:${session.started_at}`,
      `${prefix}device-actions:${action.device_id}`,
      userId === undefined ? '' : `${prefix}user-actions:${userId}`,
      ip ? `${prefix}ip-actions:${ip}` : '',
      userId === undefined ? '' : `${prefix}user-device-first-actions:${userId}`,
      userId === undefined ? '' : `${prefix}user-device-first-use:${userId}`,
    ];
  }

  private signalArgumentsOf(
    input: ActionContextualized,
    at: Date,
    tenantId: string,
    facts: ActionFacts,
  ): string[] {
    const prefix = tenantKeyPrefix(this.keyPrefix, tenantId);
    const { action, session } = input;
    const userId = userOfAction(input);
    const ip = action.client.ip ? ipKeyPart(action.client.ip) : '';
    const country = facts.country ?? '';
    const ifUser = (key: string) => (userId === undefined ? '' : key);
    const label = (target: LabelTarget, value: string | undefined) =>
      value ? labelKey(this.keyPrefix, tenantId, target, value) : '';
    const keys = [
      ...failedResultKeys(this.keyPrefix, tenantId, action.device_id, userId),
      `${prefix}device-users:${action.device_id}`,
      ifUser(`${prefix}user-devices:${userId}`),
      ip ? `${prefix}session-ips:${session.device_id}:${session.started_at}` : '',
      country ? ifUser(`${prefix}user-countries:${userId}`) : '',
      country ? ifUser(`${prefix}user-last-location:${userId}`) : '',
      label('device', action.device_id),
      label('user', userId),
      label('ip', ip),
      `${prefix}device-actions:${action.device_id}`,
    ];

    return [
      ...keys,
      action.action_id,
      String(at.getTime()),
      action.device_id,
      userId ?? '',
      ip,
      country,
      String(ACTION_KEY_TTL_MS),
      String(this.userDeviceTtlMs),
      String(HISTORY_SET_MAX_MEMBERS),
    ];
  }
}

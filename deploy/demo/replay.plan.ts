import { planBotDevices, readCrawlerUserAgents, readDatacenterRanges } from './bot-devices';
import { readRbaLogins } from './rba-dataset';
import { AssignmentCounts, LoginAttempt, ReplayDevice } from './replay.types';
import { DEFAULT_REPLAY_SEED } from './seeded-random';
import {
  assignRbaDevices,
  countAssignment,
  PLACEHOLDER_CLAIMED_USER_ID,
  userIdOf,
} from './user-device.rule';

export const DEFAULT_BOT_COUNT = 60;

/** Everything the replay sends, decided before the first request. */
export interface ReplayPlan {
  devices: ReplayDevice[];
  /** All login attempts of all devices, in time order. */
  attempts: LoginAttempt[];
  assignment: AssignmentCounts;
}

export interface PlanOptions {
  botCount?: number;
  seed?: number;
}

/** Reads the shared data and plans the RBA devices plus the bot devices. */
export function planRbaReplay(dataDirectory: string, options: PlanOptions = {}): ReplayPlan {
  const rows = readRbaLogins(dataDirectory);
  const rbaDevices = assignRbaDevices(rows);
  const targetUserIds = [...new Set(rows.map(userIdOf))].filter(
    (userId) => userId !== PLACEHOLDER_CLAIMED_USER_ID,
  );
  const botDevices = planBotDevices({
    userAgents: readCrawlerUserAgents(dataDirectory),
    datacenterRanges: readDatacenterRanges(dataDirectory),
    targetUserIds,
    windowStartMs: rows[0].timeMs,
    windowEndMs: rows[rows.length - 1].timeMs,
    count: options.botCount ?? DEFAULT_BOT_COUNT,
    seed: options.seed ?? DEFAULT_REPLAY_SEED,
  });
  const devices = [...rbaDevices, ...botDevices];

  return { devices, attempts: orderAttempts(devices), assignment: countAssignment(rows) };
}

/**
 * Returns the attempts of all devices sorted by time. The sort is stable, so equal times keep
 * device order and each device keeps its own order.
 */
export function orderAttempts(devices: readonly ReplayDevice[]): LoginAttempt[] {
  return devices.flatMap((device) => device.attempts).sort((a, b) => a.timeMs - b.timeMs);
}

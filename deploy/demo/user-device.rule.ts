import { RbaLogin } from './rba-dataset';
import { sizeHistogram } from './count-table';
import { AssignmentCounts, LoginAttempt, ReplayDevice } from './replay.types';
import { deviceProfileOf } from './device-profile';

/**
 * The rounded User ID shared by 667 of the 2,000 rows. It is kept as one user, not split by
 * country: the 19 unrounded rows show a single full id behind every one of its rows there, and its
 * rows behave like one placeholder account, with 666 failed logins, 504 IPs, 41 countries and 77 of
 * the 167 attack-IP rows.
 */
export const PLACEHOLDER_USER_ID = '-4.32E+18';

/** The user id the replay claims for rows of the placeholder id. */
export const PLACEHOLDER_CLAIMED_USER_ID = `rba:${PLACEHOLDER_USER_ID}`;

/**
 * The user a row claims. The file rounded User ID to 3 significant digits, which merges distinct
 * users, so the rule adds the country. Of the 297 other ids with more than one row, 210 stay in one
 * country, while two merged users share a country only about half the time (0.47 is the chance
 * that two random other rows share one, as 67% of them are from NO). Splitting by OS family or
 * device type would cut real users apart, because only 147 and 185 of those 297 ids keep one.
 */
export function userIdOf(row: RbaLogin): string {
  if (row.roundedUserId === PLACEHOLDER_USER_ID) {
    return PLACEHOLDER_CLAIMED_USER_ID;
  }

  return `rba:${row.roundedUserId}:${row.country}`;
}

/**
 * The device a row comes from: its user agent string plus its IP address, across users. The data
 * set generated both per original value, so the same pair marks the same client, and 143 pairs
 * serve more than one rounded id, which the replay keeps as shared devices. Device type adds
 * nothing because it is parsed from the user agent. A device that changed IP splits in two, which
 * happens for 22 of the 165 repeated user and user-agent pairs outside the placeholder id.
 */
export function deviceKeyOf(row: RbaLogin): string {
  return `${row.userAgent}|${row.ip}`;
}

/** Groups the RBA rows into devices, each with its login attempts in time order. */
export function assignRbaDevices(rows: readonly RbaLogin[]): ReplayDevice[] {
  const devices = new Map<string, ReplayDevice>();
  for (const row of rows) {
    const key = deviceKeyOf(row);
    let device = devices.get(key);
    if (!device) {
      device = { key, source: 'rba', userAgent: row.userAgent, ip: row.ip, attempts: [] };
      device.profile = deviceProfileOf(row);
      devices.set(key, device);
    }
    device.attempts.push(attemptOf(row, key));
  }

  return [...devices.values()];
}

/** Counts the users, devices and sessions that the rule yields on `rows`. */
export function countAssignment(rows: readonly RbaLogin[]): AssignmentCounts {
  const rowsPerUser = new Map<string, number>();
  const usersPerDevice = new Map<string, Set<string>>();
  for (const row of rows) {
    const user = userIdOf(row);
    rowsPerUser.set(user, (rowsPerUser.get(user) ?? 0) + 1);
    const users = usersPerDevice.get(deviceKeyOf(row)) ?? new Set<string>();
    usersPerDevice.set(deviceKeyOf(row), users.add(user));
  }

  return {
    rows: rows.length,
    users: rowsPerUser.size,
    devices: usersPerDevice.size,
    sessions: usersPerDevice.size,
    placeholderRows: rows.filter((row) => row.roundedUserId === PLACEHOLDER_USER_ID).length,
    rowsPerUser: sizeHistogram(rowsPerUser.values()),
    usersPerDevice: sizeHistogram([...usersPerDevice.values()].map((users) => users.size)),
  };
}

function attemptOf(row: RbaLogin, deviceKey: string): LoginAttempt {
  return {
    deviceKey,
    source: 'rba',
    timeMs: row.timeMs,
    correlationId: `rba-${row.index}`,
    claimedUserId: userIdOf(row),
    successful: row.loginSuccessful,
    attackIp: row.labels.attackIp,
  };
}

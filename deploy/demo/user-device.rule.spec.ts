import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { RbaLogin, readRbaLogins } from './rba-dataset';
import {
  assignRbaDevices,
  countAssignment,
  deviceKeyOf,
  PLACEHOLDER_CLAIMED_USER_ID,
  PLACEHOLDER_USER_ID,
  userIdOf,
} from './user-device.rule';

const DATA_DIRECTORY = path.resolve(__dirname, '../..', '../shared/data');
const logins = readRbaLogins(DATA_DIRECTORY);

function groupBy(rows: RbaLogin[], keyOf: (login: RbaLogin) => string): Map<string, RbaLogin[]> {
  const groups = new Map<string, RbaLogin[]>();
  for (const row of rows) {
    groups.set(keyOf(row), [...(groups.get(keyOf(row)) ?? []), row]);
  }

  return groups;
}

describe('user and device rule', () => {
  it('userIdOf adds the country except for the placeholder id', () => {
    expect(userIdOf(logins[2])).toBe('rba:-3.28E+18:NO');
    expect(userIdOf(logins[0])).toBe(PLACEHOLDER_CLAIMED_USER_ID);
    expect(userIdOf(logins[1])).toBe(PLACEHOLDER_CLAIMED_USER_ID);
  });

  it('deviceKeyOf joins user agent and IP', () => {
    expect(deviceKeyOf(logins[0])).toBe(`${logins[0].userAgent}|10.0.65.171`);
  });

  it('countAssignment yields users, devices and sessions', () => {
    const counts = countAssignment(logins);

    expect(counts.rows).toBe(2000);
    expect(counts.users).toBe(929);
    expect(counts.devices).toBe(1458);
    expect(counts.sessions).toBe(1458);
    expect(counts.placeholderRows).toBe(667);
  });

  it('countAssignment yields rows per user', () => {
    expect(countAssignment(logins).rowsPerUser).toEqual([
      { label: '1', count: 666 },
      { label: '2', count: 180 },
      { label: '3', count: 50 },
      { label: '4', count: 17 },
      { label: '5', count: 7 },
      { label: '6', count: 3 },
      { label: '7', count: 4 },
      { label: '8', count: 1 },
      { label: '667', count: 1 },
    ]);
  });

  it('countAssignment yields users per device', () => {
    expect(countAssignment(logins).usersPerDevice).toEqual([
      { label: '1', count: 1315 },
      { label: '2', count: 136 },
      { label: '3', count: 6 },
      { label: '5', count: 1 },
    ]);
  });

  it('placeholder id rows match the facts behind the rule', () => {
    const rows = logins.filter((login) => login.roundedUserId === PLACEHOLDER_USER_ID);

    expect(rows.filter((login) => !login.loginSuccessful)).toHaveLength(666);
    expect(rows.filter((login) => login.labels.attackIp)).toHaveLength(77);
    expect(new Set(rows.map((login) => login.ip)).size).toBe(504);
    expect(new Set(rows.map((login) => login.country)).size).toBe(41);
  });

  it('other ids mostly keep one country', () => {
    const others = logins.filter((login) => login.roundedUserId !== PLACEHOLDER_USER_ID);
    const repeated = [...groupBy(others, (login) => login.roundedUserId).values()].filter(
      (rows) => rows.length > 1,
    );
    const keepOne = (valueOf: (login: RbaLogin) => string) =>
      repeated.filter((rows) => new Set(rows.map(valueOf)).size === 1).length;
    const norwegian = others.filter((login) => login.country === 'NO').length / others.length;

    expect(repeated).toHaveLength(297);
    expect(keepOne((login) => login.country)).toBe(210);
    expect(keepOne((login) => login.os.split(' ')[0])).toBe(147);
    expect(keepOne((login) => login.deviceType)).toBe(185);
    const countryShares = [...groupBy(others, (login) => login.country).values()].map(
      (rows) => rows.length / others.length,
    );
    const sameCountryChance = countryShares.reduce((sum, share) => sum + share * share, 0);
    expect(norwegian).toBeCloseTo(0.67, 2);
    expect(sameCountryChance).toBeCloseTo(0.47, 2);
  });

  it('device keys change IP rarely and serve several ids', () => {
    const others = logins.filter((login) => login.roundedUserId !== PLACEHOLDER_USER_ID);
    const userAgentPairs = [...groupBy(others, (l) => `${userIdOf(l)}|${l.userAgent}`).values()];
    const repeatedPairs = userAgentPairs.filter((rows) => rows.length > 1);
    const devices = [...groupBy(logins, deviceKeyOf).values()];

    expect(repeatedPairs).toHaveLength(165);
    expect(repeatedPairs.filter((rows) => new Set(rows.map((l) => l.ip)).size > 1)).toHaveLength(
      22,
    );
    expect(
      devices.filter((rows) => new Set(rows.map((l) => l.roundedUserId)).size > 1),
    ).toHaveLength(143);
  });

  it('placeholder id is one full id in the unrounded rows', () => {
    const file = path.join(DATA_DIRECTORY, 'rba-login-sample/rba_head19_pristine.csv');
    const pristine = parse(readFileSync(file, 'utf8'), { columns: true }) as Array<
      Record<string, string>
    >;
    const fullIds = pristine
      .filter((record) => Number(record['User ID']).toPrecision(3) === '-4.32e+18')
      .map((record) => record['User ID']);

    expect(fullIds).toHaveLength(8);
    expect(new Set(fullIds)).toEqual(new Set(['-4324475583306591935']));
  });

  it('assignRbaDevices keeps every row once, in time order', () => {
    const devices = assignRbaDevices(logins);
    const attempts = devices.flatMap((device) => device.attempts);

    expect(devices).toHaveLength(1458);
    expect(attempts).toHaveLength(2000);
    expect(new Set(attempts.map((attempt) => attempt.correlationId)).size).toBe(2000);
    for (const device of devices) {
      const times = device.attempts.map((attempt) => attempt.timeMs);
      expect(times).toEqual([...times].sort((a, b) => a - b));
    }
  });

  it('assignRbaDevices sends the first row as device profile', () => {
    const [first] = assignRbaDevices(logins);

    expect(first.profile).toEqual({
      deviceTimeMs: Date.parse('2020-02-03T12:43:30.800Z'),
      attributes: { device_type: 'mobile', browser: 'Firefox 20.0.0.1618', os: 'iOS 13.4' },
    });
    expect(first.attempts[0]).toEqual({
      deviceKey: first.key,
      source: 'rba',
      timeMs: first.profile?.deviceTimeMs,
      correlationId: 'rba-0',
      claimedUserId: PLACEHOLDER_CLAIMED_USER_ID,
      successful: false,
      attackIp: false,
    });
  });
});

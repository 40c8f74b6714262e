import path from 'node:path';
import {
  formatIpv4,
  hostInRange,
  Ipv4Range,
  parseIpv4Cidr,
  planBotDevices,
  readCrawlerUserAgents,
  readDatacenterRanges,
} from './bot-devices';
import { createSeededRandom } from './seeded-random';

const DATA_DIRECTORY = path.resolve(__dirname, '../..', '../shared/data');
const userAgents = readCrawlerUserAgents(DATA_DIRECTORY);
const ranges = readDatacenterRanges(DATA_DIRECTORY);
const WINDOW = {
  windowStartMs: Date.parse('2020-02-03T12:43:30.800Z'),
  windowEndMs: Date.parse('2020-02-03T13:09:53.000Z'),
};
const TARGETS = Array.from({ length: 50 }, (_, index) => `rba:user-${index}:NO`);

function isInside(ip: string, range: Ipv4Range): boolean {
  const address = parseIpv4Cidr(`${ip}/32`).base;
  const size = 2 ** (32 - range.prefixLength);

  return address >= range.base && address < range.base + size;
}

function plan(seed: number) {
  return planBotDevices({
    userAgents,
    datacenterRanges: ranges,
    targetUserIds: TARGETS,
    ...WINDOW,
    count: 60,
    seed,
  });
}

describe('bot devices', () => {
  it('reads every crawler instance and datacenter range', () => {
    expect(userAgents).toHaveLength(2116);
    expect(ranges).toHaveLength(42566);
    expect(ranges[0]).toEqual({ base: parseIpv4Cidr('1.12.0.0/32').base, prefixLength: 14 });
  });

  it('parseIpv4Cidr rejects malformed ranges', () => {
    expect(() => parseIpv4Cidr('1.12.0.0')).toThrow('is not an IPv4 CIDR');
    expect(() => parseIpv4Cidr('1.256.0.0/16')).toThrow('is not an IPv4 CIDR');
    expect(() => parseIpv4Cidr('2001:db8::/32')).toThrow('is not an IPv4 CIDR');
  });

  it('formatIpv4 inverts parseIpv4Cidr', () => {
    expect(formatIpv4(parseIpv4Cidr('223.255.248.7/32').base)).toBe('223.255.248.7');
  });

  it('hostInRange avoids network and broadcast addresses', () => {
    const random = createSeededRandom(1);
    const range = parseIpv4Cidr('192.0.2.0/30');
    const hosts = new Set(Array.from({ length: 200 }, () => hostInRange(random, range)));

    expect(hosts).toEqual(new Set(['192.0.2.1', '192.0.2.2']));
  });

  it('hostInRange keeps a /32 address', () => {
    expect(hostInRange(createSeededRandom(1), parseIpv4Cidr('198.51.100.7/32'))).toBe(
      '198.51.100.7',
    );
  });

  it('planBotDevices is the same for the same seed', () => {
    expect(plan(7)).toEqual(plan(7));
    expect(plan(7)).not.toEqual(plan(8));
  });

  it('planBotDevices uses distinct crawler agents and datacenter IPs', () => {
    const bots = plan(7);

    expect(bots).toHaveLength(60);
    expect(new Set(bots.map((bot) => bot.userAgent)).size).toBe(60);
    for (const bot of bots) {
      expect(userAgents).toContain(bot.userAgent);
      expect(ranges.some((range) => isInside(bot.ip, range))).toBe(true);
      expect(bot.profile).toBeUndefined();
    }
  });

  it('planBotDevices attempts failed logins inside the window', () => {
    for (const bot of plan(7)) {
      const times = bot.attempts.map((attempt) => attempt.timeMs);
      const targets = bot.attempts.map((attempt) => attempt.claimedUserId);

      expect(bot.attempts.length).toBeGreaterThanOrEqual(2);
      expect(bot.attempts.length).toBeLessThanOrEqual(6);
      expect(new Set(targets).size).toBe(targets.length);
      expect(times).toEqual([...times].sort((a, b) => a - b));
      expect(times[0]).toBeGreaterThanOrEqual(WINDOW.windowStartMs);
      expect(times[times.length - 1]).toBeLessThanOrEqual(WINDOW.windowEndMs);
      expect(bot.attempts.every((attempt) => !attempt.successful && attempt.source === 'bot')).toBe(
        true,
      );
    }
  });
});

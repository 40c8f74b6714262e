import { readFileSync } from 'node:fs';
import path from 'node:path';
import { LoginAttempt, ReplayDevice } from './replay.types';
import { createSeededRandom, randomInteger, sampleWithoutReplacement } from './seeded-random';

export const CRAWLER_USER_AGENTS_FILE = 'crawler-user-agents/crawler-user-agents.json';
export const DATACENTER_RANGES_FILE = 'ip-reputation-lists/x4bnet_datacenter_ipv4.txt';

/** An IPv4 range as a 32-bit base address and a prefix length. */
export interface Ipv4Range {
  base: number;
  prefixLength: number;
}

export interface BotPlanInput {
  userAgents: readonly string[];
  datacenterRanges: readonly Ipv4Range[];
  /** Accounts the bots try, drawn from the users of the RBA rows. */
  targetUserIds: readonly string[];
  windowStartMs: number;
  windowEndMs: number;
  count: number;
  seed: number;
}

const ATTEMPTS_PER_BOT = { min: 2, max: 6 };
const SECONDS_BETWEEN_ATTEMPTS = { min: 2, max: 10 };

/** Returns every distinct observed user agent of the crawler list, in file order. */
export function readCrawlerUserAgents(dataDirectory: string): string[] {
  const file = path.join(dataDirectory, CRAWLER_USER_AGENTS_FILE);
  const entries = JSON.parse(readFileSync(file, 'utf8')) as Array<{ instances?: string[] }>;

  return [...new Set(entries.flatMap((entry) => entry.instances ?? []))];
}

/** Reads the IPv4 datacenter ranges, one CIDR a line. */
export function readDatacenterRanges(dataDirectory: string): Ipv4Range[] {
  const text = readFileSync(path.join(dataDirectory, DATACENTER_RANGES_FILE), 'utf8');

  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map(parseIpv4Cidr);
}

/** Parses `a.b.c.d/n`, for example `1.12.0.0/14`. */
export function parseIpv4Cidr(cidr: string): Ipv4Range {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(cidr);
  const octets = match ? match.slice(1, 5).map(Number) : [];
  const prefixLength = match ? Number(match[5]) : -1;
  if (
    octets.length !== 4 ||
    octets.some((octet) => octet > 255) ||
    prefixLength > 32 ||
    prefixLength < 0
  ) {
    throw new Error(
      `datacenter range ${JSON.stringify(cidr)} is not an IPv4 CIDR like 1.12.0.0/14`,
    );
  }
  const base = octets.reduce((address, octet) => address * 256 + octet, 0);

  return { base, prefixLength };
}

/** Formats a 32-bit address as dotted decimal. */
export function formatIpv4(address: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(address / 2 ** shift) % 256).join('.');
}

/**
 * Draws a host address inside `range`, leaving out the network and broadcast addresses of ranges
 * larger than /31.
 */
export function hostInRange(random: () => number, range: Ipv4Range): string {
  const size = 2 ** (32 - range.prefixLength);
  const network = range.base - (range.base % size);
  const offset = size > 2 ? randomInteger(random, 1, size - 2) : randomInteger(random, 0, size - 1);

  return formatIpv4(network + offset);
}

/**
 * Plans `count` bot devices. Each has a distinct crawler user agent and an address inside a
 * datacenter range, where every line of the list has equal weight. A bot skips telemetry, as a
 * script would, and tries 2 to 6 logins, 2 to 10 seconds apart, against accounts of the RBA rows.
 * Every attempt fails. All draws come from `seed`, so a plan is the same on every run.
 */
export function planBotDevices(input: BotPlanInput): ReplayDevice[] {
  const random = createSeededRandom(input.seed);
  const userAgents = sampleWithoutReplacement(random, input.userAgents, input.count);

  return userAgents.map((userAgent, botIndex) => {
    const range =
      input.datacenterRanges[randomInteger(random, 0, input.datacenterRanges.length - 1)];
    const ip = hostInRange(random, range);
    const key = `${userAgent}|${ip}`;
    const attempts = planAttempts(random, input, key, botIndex);

    return { key, source: 'bot', userAgent, ip, attempts };
  });
}

function planAttempts(
  random: () => number,
  input: BotPlanInput,
  deviceKey: string,
  botIndex: number,
): LoginAttempt[] {
  const count = randomInteger(random, ATTEMPTS_PER_BOT.min, ATTEMPTS_PER_BOT.max);
  const latestStartMs = input.windowEndMs - count * SECONDS_BETWEEN_ATTEMPTS.max * 1000;
  let timeMs =
    input.windowStartMs + Math.floor(random() * Math.max(0, latestStartMs - input.windowStartMs));
  const targets = sampleWithoutReplacement(random, input.targetUserIds, count);

  return targets.map((claimedUserId, attemptIndex) => {
    if (attemptIndex > 0) {
      timeMs +=
        randomInteger(random, SECONDS_BETWEEN_ATTEMPTS.min, SECONDS_BETWEEN_ATTEMPTS.max) * 1000;
    }

    return {
      deviceKey,
      source: 'bot',
      timeMs,
      correlationId: `bot-${botIndex}-${attemptIndex}`,
      claimedUserId,
      successful: false,
      attackIp: false,
    };
  });
}

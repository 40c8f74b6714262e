/**
 * Measures `IpReputation` load time and lookups per second on the shipped lists.
 *
 *   npm run build
 *   node -r ./deploy/runtime/register.js dist/services/scoring/src/risk/ip-reputation.bench.js
 *
 * An optional argument names another list directory.
 */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { formatIpv4 } from './ip-address';
import { defaultIpReputationDirectory, IpReputation } from './ip-reputation';

const LOOKUPS = 1_000_000;

/** Deterministic pseudo-random 32-bit integers (a linear congruential generator). */
function* randomIntegers(seed: number): Generator<number> {
  let state = seed;
  for (;;) {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    yield state;
  }
}

function randomIpv4Addresses(count: number): string[] {
  const integers = randomIntegers(42);

  return Array.from({ length: count }, () => formatIpv4(integers.next().value as number));
}

function randomIpv6Addresses(count: number): string[] {
  const integers = randomIntegers(7);
  const hextet = () => ((integers.next().value as number) & 0xffff).toString(16);

  // 2000::/3 is the global unicast space, where the listed IPv6 ranges lie.
  return Array.from({ length: count }, () => {
    const first = (0x2000 | ((integers.next().value as number) & 0x1fff)).toString(16);

    return [first, hextet(), hextet(), hextet(), hextet(), hextet(), hextet(), hextet()].join(':');
  });
}

/** Network addresses of the listed IPv6 ranges, so that every lookup is a hit. */
function listedIpv6Addresses(directory: string): string[] {
  const file = path.join(directory, 'x4bnet_datacenter_ipv6.txt');
  if (!existsSync(file)) {
    return [];
  }
  const lines = readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.includes('/'));

  return lines.map((line) => line.split('/')[0]);
}

function measure(label: string, reputation: IpReputation, addresses: string[]): void {
  let hits = 0;
  const start = performance.now();
  for (const address of addresses) {
    const match = reputation.lookup(address);
    if (match.datacenter || match.vpn || match.tor) {
      hits += 1;
    }
  }
  const seconds = (performance.now() - start) / 1000;
  const perSecond = Math.round(addresses.length / seconds);
  console.log(`${label}: ${perSecond} lookups/s, ${hits} of ${addresses.length} in a list`);
}

function main(): void {
  const directory = process.argv[2] ?? defaultIpReputationDirectory();
  const loadStart = performance.now();
  const reputation = IpReputation.loadFromDirectory(directory);
  console.log(`load: ${Math.round(performance.now() - loadStart)} ms from ${directory}`);

  const ipv4 = randomIpv4Addresses(LOOKUPS);
  const ipv6 = randomIpv6Addresses(LOOKUPS / 4);
  measure('IPv4 warm-up', reputation, ipv4.slice(0, LOOKUPS / 10));
  measure('IPv4 random', reputation, ipv4);
  measure('IPv6 random', reputation, ipv6);
  const listed = listedIpv6Addresses(directory);
  measure('IPv6 listed', reputation, Array.from({ length: 30 }, () => listed).flat());
}

main();

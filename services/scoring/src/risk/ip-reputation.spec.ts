import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as ipaddr from 'ipaddr.js';
import { VigilError } from '@vigil/contracts';
import { defaultIpReputationDirectory, IpReputation, IpReputationCategory } from './ip-reputation';
import { RESIDENTIAL_IP } from './testing/risk-builders';
import {
  readIpListLines,
  readTorExitSnapshot,
  REPO_ROOT,
  sharedDataPath,
} from './testing/shared-data';

const SHIPPED_FILES = [
  'ipcat_datacenters.csv',
  'x4bnet_datacenter_ipv4.txt',
  'x4bnet_datacenter_ipv6.txt',
  'x4bnet_vpn_ipv4.txt',
  'tor_exit_addresses_2024-08-20.txt',
];

const CIDR_LISTS: Array<{ file: string; category: IpReputationCategory }> = [
  { file: 'x4bnet_datacenter_ipv4.txt', category: 'datacenter' },
  { file: 'x4bnet_datacenter_ipv6.txt', category: 'datacenter' },
  { file: 'x4bnet_vpn_ipv4.txt', category: 'vpn' },
];

/** Returns every 500th range, plus the last one. */
function sampleOf<T>(items: T[]): T[] {
  return [...items.filter((_, index) => index % 500 === 0), items[items.length - 1]];
}

function toBigInt(address: string): bigint {
  const bytes = ipaddr.parse(address).toByteArray();

  return bytes.reduce((value, byte) => (value << 8n) | BigInt(byte), 0n);
}

function fromBigInt(value: bigint, byteCount: number): string {
  const bytes = Array.from({ length: byteCount }, (_, index) =>
    Number((value >> BigInt(8 * (byteCount - 1 - index))) & 0xffn),
  );

  return ipaddr.fromByteArray(bytes).toString();
}

/** First and last address of a CIDR as integers, and the number of bytes of its family. */
function rangeOf(cidr: string): { first: bigint; last: bigint; byteCount: number } {
  const [network, prefix] = ipaddr.parseCIDR(cidr);
  const byteCount = network.kind() === 'ipv4' ? 4 : 16;
  const hostBits = BigInt(byteCount * 8 - prefix);
  const first = (toBigInt(network.toString()) >> hostBits) << hostBits;

  return { first, last: first + (1n << hostBits) - 1n, byteCount };
}

/** First and last address of a CIDR, and the addresses just below and just above it. */
function boundsOf(cidr: string): { first: string; last: string; below: string; above: string } {
  const { first, last, byteCount } = rangeOf(cidr);

  return {
    first: fromBigInt(first, byteCount),
    last: fromBigInt(last, byteCount),
    below: fromBigInt(first - 1n, byteCount),
    above: fromBigInt(last + 1n, byteCount),
  };
}

describe(IpReputation.name, () => {
  let reputation: IpReputation;

  beforeAll(() => {
    reputation = IpReputation.loadFromDirectory(defaultIpReputationDirectory());
  });

  function listOf(source: string) {
    const list = reputation.lists.find((candidate) => candidate.source === source);
    if (list === undefined) {
      throw new Error(`list ${source} not loaded`);
    }

    return list;
  }

  it('ships byte-identical copies of the shared lists', () => {
    const directory = defaultIpReputationDirectory();
    for (const file of SHIPPED_FILES) {
      const shipped = readFileSync(path.join(directory, file));
      const original = readFileSync(sharedDataPath('ip-reputation-lists', file));
      expect(shipped.equals(original)).toBe(true);
    }
  });

  it('loads every shipped list', () => {
    expect(reputation.lists.map((list) => [list.source, list.category])).toEqual([
      ['x4bnet_datacenter_ipv4.txt', 'datacenter'],
      ['x4bnet_datacenter_ipv6.txt', 'datacenter'],
      ['x4bnet_vpn_ipv4.txt', 'vpn'],
      ['ipcat_datacenters.csv', 'datacenter'],
      ['tor_exit_addresses_2024-08-20.txt', 'tor'],
    ]);
    expect(listOf('x4bnet_datacenter_ipv4.txt').ipv4.size).toBe(42_566);
    expect(listOf('x4bnet_datacenter_ipv6.txt').ipv6.size).toBe(8_752);
    expect(listOf('x4bnet_vpn_ipv4.txt').ipv4.size).toBe(10_862);
    expect(listOf('ipcat_datacenters.csv').ipv4.size).toBe(3_429);
  });

  it('finds every Tor exit address of the snapshot', () => {
    const addresses = readTorExitSnapshot();
    const missed = addresses.filter((address) => reputation.lookup(address).tor === undefined);

    expect(addresses.length).toBe(2_320);
    expect(missed).toEqual([]);
    expect(reputation.lookup(addresses[0]).tor).toEqual({
      source: 'tor_exit_addresses_2024-08-20.txt',
      range: addresses[0],
    });
  });

  it.each(CIDR_LISTS)('hits the first and last address of sample ranges of $file', (list) => {
    for (const cidr of sampleOf(readIpListLines(list.file))) {
      const { first, last } = boundsOf(cidr);
      for (const address of [first, last]) {
        const match = reputation.lookup(address)[list.category];
        expect({ address, source: match?.source, range: match?.range }).toEqual({
          address,
          source: list.file,
          range: cidr,
        });
      }
    }
  });

  it.each(CIDR_LISTS)('misses addresses just outside sample ranges of $file', (list) => {
    const ranges = readIpListLines(list.file).map((cidr) => ({ cidr, ...rangeOf(cidr) }));
    for (const { cidr } of sampleOf(ranges)) {
      const { below, above } = boundsOf(cidr);
      for (const address of [below, above]) {
        const value = toBigInt(address);
        // A neighbouring range of the same list may start right there; then that one must match.
        const holder = ranges.find((range) => range.first <= value && value <= range.last);
        const match = reputation.lookup(address)[list.category];
        const matchedRange = match?.source === list.file ? match.range : undefined;
        expect({ address, range: matchedRange }).toEqual({ address, range: holder?.cidr });
      }
    }
  });

  it('hits and misses the bounds of sample ipcat ranges', () => {
    const rows = readIpListLines('ipcat_datacenters.csv').map((line) => line.split(','));
    for (const [first, last] of sampleOf(rows)) {
      const table = listOf('ipcat_datacenters.csv').ipv4;
      const value = (address: string) => Number(toBigInt(address));
      expect(table.find(value(first))?.range).toBe(`${first}-${last}`);
      expect(table.find(value(last))?.range).toBe(`${first}-${last}`);
      expect(table.find(value(first) - 1)?.range).not.toBe(`${first}-${last}`);
      expect(table.find(value(last) + 1)?.range).not.toBe(`${first}-${last}`);
    }
  });

  it('names the ipcat provider, prefers X4BNet for datacenters', () => {
    const ipcatOnly = readIpListLines('ipcat_datacenters.csv')
      .map((line) => line.split(',')[0])
      .find(
        (address) =>
          listOf('x4bnet_datacenter_ipv4.txt').ipv4.find(Number(toBigInt(address))) === undefined,
      );
    const both = '3.0.0.1';

    expect(reputation.lookup(ipcatOnly ?? '').datacenter?.source).toBe('ipcat_datacenters.csv');
    expect(reputation.lookup(ipcatOnly ?? '').datacenter?.provider).toEqual(expect.any(String));
    expect(reputation.lookup(both).datacenter?.source).toBe('x4bnet_datacenter_ipv4.txt');
  });

  it('reads quoted ipcat provider names with commas', () => {
    expect(reputation.lookup('64.5.32.1').datacenter?.source).toBe('x4bnet_datacenter_ipv4.txt');
    expect(listOf('ipcat_datacenters.csv').ipv4.find(Number(toBigInt('64.5.32.1')))).toEqual({
      range: '64.5.32.0-64.5.63.255',
      provider: 'ThePlanet.com Internet Services, Inc.',
    });
  });

  it('looks up IPv6 and IPv4-mapped IPv6 addresses', () => {
    expect(reputation.lookup('2001:310::1').datacenter).toEqual({
      source: 'x4bnet_datacenter_ipv6.txt',
      range: '2001:310::/32',
    });
    expect(reputation.lookup('2001:0310:0000:0000:0000:0000:0000:0001').datacenter?.range).toBe(
      '2001:310::/32',
    );
    expect(reputation.lookup(`::ffff:${readTorExitSnapshot()[0]}`).tor).toBeDefined();
    expect(reputation.lookup('2001:db8::1')).toEqual({});
  });

  it.each([
    '10.0.0.1',
    '172.16.5.4',
    '192.168.1.1',
    '127.0.0.1',
    '0.0.0.0',
    '::1',
    'fe80::1',
    'fc00::1',
    RESIDENTIAL_IP,
  ])('misses private, loopback and residential %s', (address) => {
    expect(reputation.lookup(address)).toEqual({});
  });

  it.each([
    '',
    'not an ip',
    '1.2.3',
    '1.2.3.4.5',
    '256.1.1.1',
    '01.2.3.4',
    '0x7f.0.0.1',
    '1.12.0.1/24',
    ' 1.12.0.1',
    '2001:310::g',
    '2001:310:::1',
    ':::',
  ])('returns no match for malformed %p', (text) => {
    expect(reputation.lookup(text)).toEqual({});
  });
});

describe(defaultIpReputationDirectory.name, () => {
  const expected = path.join(REPO_ROOT, 'services', 'scoring', 'data', 'ip-reputation');

  it('resolves from the sources and from the build', () => {
    const build = path.join(REPO_ROOT, 'dist', 'services', 'scoring', 'src', 'risk');

    expect(defaultIpReputationDirectory()).toBe(expected);
    expect(defaultIpReputationDirectory(build)).toBe(expected);
  });

  it('throws outside the repository', () => {
    expect(() => defaultIpReputationDirectory(tmpdir())).toThrow(/No services\/scoring\/data/);
  });
});

describe('IpReputation.loadFromDirectory', () => {
  let directory: string;

  beforeEach(() => {
    directory = mkdtempSync(path.join(tmpdir(), 'ip-reputation-'));
  });

  afterEach(() => {
    rmSync(directory, { recursive: true, force: true });
  });

  it('throws on a directory without lists', () => {
    writeFileSync(path.join(directory, 'README.md'), 'no lists here');

    expect(() => IpReputation.loadFromDirectory(directory)).toThrow(VigilError);
    expect(() => IpReputation.loadFromDirectory(directory)).toThrow(/No IP reputation list/);
  });

  it('throws naming the file and line of a malformed range', () => {
    writeFileSync(path.join(directory, 'x4bnet_vpn_ipv4.txt'), '1.2.3.0/24\n1.2.3.0/33\n');

    expect(() => IpReputation.loadFromDirectory(directory)).toThrow(
      /line 2 in IP list x4bnet_vpn_ipv4\.txt: "1\.2\.3\.0\/33"/,
    );
  });

  it('finds the innermost of overlapping ranges', () => {
    const lines = ['10.0.0.0/8', '10.1.0.0/16', '10.1.2.0/24', '10.200.0.0/16', '# comment', ''];
    writeFileSync(path.join(directory, 'x4bnet_datacenter_ipv4.txt'), lines.join('\n'));
    const lists = IpReputation.loadFromDirectory(directory);

    expect(lists.lookup('10.1.2.3').datacenter?.range).toBe('10.1.2.0/24');
    expect(lists.lookup('10.1.3.3').datacenter?.range).toBe('10.1.0.0/16');
    expect(lists.lookup('10.2.0.1').datacenter?.range).toBe('10.0.0.0/8');
    expect(lists.lookup('10.255.255.255').datacenter?.range).toBe('10.0.0.0/8');
    expect(lists.lookup('11.0.0.0')).toEqual({});
  });
});

import {
  readIpListLines,
  readTorExitSnapshot,
} from '../../../scoring/src/risk/testing/shared-data';
import { isIpRangeEntry } from './rule-validators';

describe(isIpRangeEntry.name, () => {
  it('accepts every range of the shipped datacenter lists', () => {
    const ranges = [
      ...readIpListLines('x4bnet_datacenter_ipv4.txt'),
      ...readIpListLines('x4bnet_datacenter_ipv6.txt'),
    ];

    expect(ranges.filter((range) => !isIpRangeEntry(range))).toEqual([]);
  });

  it('accepts single Tor exit addresses', () => {
    const addresses = readIpListLines('tor_exit_addresses_2024-08-20.txt');

    expect(addresses.filter((address) => !isIpRangeEntry(address))).toEqual([]);
  });

  it.each([
    ['10.0.0.0/33', 'a prefix past 32'],
    ['2001:db8::/129', 'a prefix past 128'],
    ['010.0.0.1', 'a leading zero'],
    ['10.0.0', 'three octets'],
    ['fe80::1%eth0', 'a zone id'],
    ['10.0.0.0/8/8', 'two slashes'],
    ['10.0.0.0/', 'an empty prefix'],
    ['example.com', 'a host name'],
  ])('rejects %s (%s)', (entry) => {
    expect(isIpRangeEntry(entry)).toBe(false);
  });

  it('rejects values that are not strings', () => {
    expect(isIpRangeEntry(167772160)).toBe(false);
    expect(isIpRangeEntry(null)).toBe(false);
  });
});

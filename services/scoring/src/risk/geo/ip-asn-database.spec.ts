import { IpAsnDatabase } from './ip-asn-database';
import { readIpListLines, readRbaRecordedAsns, readTorExitSnapshot } from '../testing/shared-data';

describe(IpAsnDatabase.name, () => {
  let database: IpAsnDatabase;

  beforeAll(() => {
    database = IpAsnDatabase.loadFromPackage();
  });

  it.each([
    ['1.0.0.1', 13335, 'Cloudflare, Inc.'],
    ['1.1.1.1', 13335, 'Cloudflare, Inc.'],
    ['8.8.8.8', 15169, 'Google LLC'],
    ['9.9.9.9', 19281, 'Quad9'],
    ['2606:4700:4700::1111', 13335, 'Cloudflare, Inc.'],
    ['2001:4860:4860::8888', 15169, 'Google LLC'],
  ])('finds %s in AS%i', (ip, asn, organisation) => {
    expect(database.lookup(ip)).toEqual({ asn, as_organisation: organisation });
  });

  it('reads quotes escaped inside an organisation name', () => {
    // 35309568 is 2.26.200.0, listed as "LLC ""SPUTNIK""" in the CSV.
    expect(database.lookup('2.26.200.1')?.as_organisation).toBe('LLC "SPUTNIK"');
  });

  it('finds an IPv4-mapped IPv6 address like its IPv4 form', () => {
    expect(database.lookup('::ffff:1.0.0.1')?.asn).toBe(13335);
  });

  it('finds nothing for private, reserved and malformed addresses', () => {
    expect(database.lookup('10.0.65.171')).toBeUndefined();
    expect(database.lookup('192.168.1.1')).toBeUndefined();
    expect(database.lookup('127.0.0.1')).toBeUndefined();
    expect(database.lookup('100.64.0.1')).toBeUndefined();
    expect(database.lookup('fd00::1')).toBeUndefined();
    expect(database.lookup('not an ip')).toBeUndefined();
  });

  it('mostly agrees with the ASNs the RBA login sample recorded', () => {
    const logins = readRbaRecordedAsns().filter((login) => !login.ip.startsWith('10.'));
    const found = logins.filter((login) => database.lookup(login.ip) !== undefined);
    const agreeing = logins.filter((login) => database.lookup(login.ip)?.asn === login.asn);

    expect(logins.length).toBeGreaterThan(1500);
    // The sample dates from 2020, so some ranges have moved to another AS since then.
    expect(found.length / logins.length).toBeGreaterThan(0.9);
    expect(agreeing.length / logins.length).toBeGreaterThan(0.6);
    expect(database.lookup('81.167.144.58')).toEqual({
      asn: 29695,
      as_organisation: 'Lyse Tele AS',
    });
  });

  it('finds almost every Tor exit of the snapshot', () => {
    const exits = [...new Set(readTorExitSnapshot())];
    const found = exits.filter((address) => database.lookup(address) !== undefined);

    expect(found.length / exits.length).toBeGreaterThan(0.99);
  });

  it('finds almost every IPv6 datacenter range', () => {
    const ipv6 = readIpListLines('x4bnet_datacenter_ipv6.txt').map((cidr) => cidr.split('/')[0]);
    const found = ipv6.filter((address) => database.lookup(address) !== undefined);

    expect(ipv6.length).toBeGreaterThan(5000);
    expect(found.length / ipv6.length).toBeGreaterThan(0.9);
  });

  it('assigns IPv4 datacenter ranges to datacenter ASNs', () => {
    const datacenterAsns = new Set(
      readIpListLines('x4bnet_datacenter_ASN.txt').map((line) =>
        Number(/^AS(\d+)/.exec(line)?.[1]),
      ),
    );
    const ipv4 = readIpListLines('x4bnet_datacenter_ipv4.txt').map((cidr) => cidr.split('/')[0]);
    const inDatacenterAsn = ipv4.filter((address) =>
      datacenterAsns.has(database.lookup(address)?.asn ?? -1),
    );

    expect(datacenterAsns.size).toBeGreaterThan(500);
    expect(inDatacenterAsn.length / ipv4.length).toBeGreaterThan(0.9);
  });
});

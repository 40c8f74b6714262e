import { IpGeolocation } from './ip-geolocation';
import { readIpListLines, readTorExitSnapshot } from '../testing/shared-data';
import { RESIDENTIAL_IP } from '../testing/risk-builders';

describe(IpGeolocation.name, () => {
  let geolocation: IpGeolocation;

  beforeAll(() => {
    geolocation = IpGeolocation.loadFromPackage();
  });

  it('locates a Comcast residential address in the US', () => {
    expect(geolocation.lookup(RESIDENTIAL_IP)).toEqual({ country: 'US' });
  });

  it('locates an IPv4-mapped IPv6 address like its IPv4 form', () => {
    expect(geolocation.lookup(`::ffff:${RESIDENTIAL_IP}`)).toEqual({ country: 'US' });
  });

  it('locates nothing for private and malformed addresses', () => {
    expect(geolocation.lookup('10.0.65.171')).toBeUndefined();
    expect(geolocation.lookup('192.168.1.1')).toBeUndefined();
    expect(geolocation.lookup('not an ip')).toBeUndefined();
  });

  it('locates almost every Tor exit of the snapshot', () => {
    const exits = [...new Set(readTorExitSnapshot())];
    const located = exits.filter((address) => geolocation.lookup(address) !== undefined);

    expect(exits.length).toBeGreaterThan(1000);
    expect(located.length / exits.length).toBeGreaterThan(0.99);
  });

  it('locates IPv6 datacenter ranges', () => {
    const ipv6 = readIpListLines('x4bnet_datacenter_ipv6.txt')
      .slice(0, 200)
      .map((cidr) => cidr.split('/')[0]);
    const located = ipv6.filter((address) => geolocation.lookup(address) !== undefined);

    expect(located.length / ipv6.length).toBeGreaterThan(0.95);
    expect(geolocation.lookup(ipv6[0])?.country).toMatch(/^[A-Z]{2}$/);
  });
});

import { actionInput } from '../testing/risk-builders';
import { readIpListLines, readTorExitSnapshot } from '../testing/shared-data';
import { signalOf } from '../testing/signal-context';

/** Returns the `.1` address of the first range of an IP list such as `1.12.0.0/14`. */
function firstAddressOf(list: string): { range: string; address: string } {
  const range = readIpListLines(list)[0];

  return { range, address: range.replace(/0\/\d+$/, '1') };
}

describe('network signals', () => {
  it('adds the ASN to DATACENTER_IP evidence', () => {
    const { range, address } = firstAddressOf('x4bnet_datacenter_ipv4.txt');
    const signal = signalOf('DATACENTER_IP', actionInput({ client: { ip: address } }));

    expect(signal?.evidence).toEqual({
      ip: address,
      list: 'x4bnet_datacenter_ipv4.txt',
      range,
      asn: 45090,
      as_organisation: 'Shenzhen Tencent Computer Systems Company Limited',
    });
    expect(signal?.weight).toBe(25);
  });

  it('adds the ASN to VPN_IP evidence', () => {
    const { address } = firstAddressOf('x4bnet_vpn_ipv4.txt');
    const signal = signalOf('VPN_IP', actionInput({ client: { ip: address } }));

    expect(signal?.evidence.asn).toBe(212238);
    expect(signal?.evidence.as_organisation).toBe('Datacamp Limited');
  });

  it('adds the ASN to TOR_EXIT_IP evidence', () => {
    const address = readTorExitSnapshot()[0];
    const signal = signalOf('TOR_EXIT_IP', actionInput({ client: { ip: address } }));

    expect(signal?.evidence).toEqual({
      ip: address,
      list: 'tor_exit_addresses_2024-08-20.txt',
      range: address,
      asn: 198093,
      as_organisation: 'Foreningen for digitala fri- och rattigheter',
    });
    expect(signal?.weight).toBe(45);
  });
});

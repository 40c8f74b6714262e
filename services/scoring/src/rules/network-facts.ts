import { defaultAsnDatabase, defaultGeolocation } from '../risk/geo/default-geo';
import { IpAsnDatabase } from '../risk/geo/ip-asn-database';
import { IpGeolocation } from '../risk/geo/ip-geolocation';
import { NetworkFacts } from './action-facts';

/**
 * Looks up the country and ASN of a client IP in the offline databases, for `actionFactsOf`.
 * Both are absent without an IP and for an address the databases do not list.
 */
export function networkFactsOf(
  ip: string | undefined,
  geolocation: IpGeolocation = defaultGeolocation(),
  asnDatabase: IpAsnDatabase = defaultAsnDatabase(),
): NetworkFacts {
  if (!ip) {
    return {};
  }

  return { country: geolocation.lookup(ip)?.country, asn: asnDatabase.lookup(ip)?.asn };
}

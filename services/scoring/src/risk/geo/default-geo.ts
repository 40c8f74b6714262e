import { IpAsnDatabase } from './ip-asn-database';
import { IpGeolocation } from './ip-geolocation';
import { TimeZoneTable } from './time-zones';

let geolocation: IpGeolocation | undefined;
let timeZones: TimeZoneTable | undefined;
let asnDatabase: IpAsnDatabase | undefined;

/** Returns the process-wide geolocation database, loading it on first use (about 0.3 s). */
export function defaultGeolocation(): IpGeolocation {
  geolocation ??= IpGeolocation.loadFromPackage();

  return geolocation;
}

/** Returns the process-wide time zone table, loading it on first use. */
export function defaultTimeZones(): TimeZoneTable {
  timeZones ??= TimeZoneTable.load();

  return timeZones;
}

/** Returns the process-wide IP-to-ASN database, loading it on first use (about 2 s). */
export function defaultAsnDatabase(): IpAsnDatabase {
  asnDatabase ??= IpAsnDatabase.loadFromPackage();

  return asnDatabase;
}

import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseIp } from '../ip-address';
import { findRangeRow, installedPackageDirectory, interner, isPublicUnicast } from './range-lookup';

/** Package that ships the IP-to-ASN ranges, as `start,end,asn,organisation` CSV in numeric form. */
export const ASN_PACKAGE = '@ip-location-db/asn';

const IPV4_FILE = 'asn-ipv4-num.csv';
const IPV6_FILE = 'asn-ipv6-num.csv';

/** Autonomous system that announces an address or is registered for it. */
export interface IpAsn {
  /** Autonomous system number. */
  asn: number;
  /** Organisation name of the autonomous system, empty when the data has none. */
  as_organisation: string;
}

/**
 * Sorted address ranges with an ASN and an organisation index each. IPv6 ranges keep only the
 * upper 64 bits of their first and last address, which keeps the table in typed arrays.
 */
interface AsnColumns {
  firsts: Uint32Array | BigUint64Array;
  lasts: Uint32Array | BigUint64Array;
  asns: Uint32Array;
  organisations: Uint32Array;
  size: number;
}

/**
 * ASN and organisation of an IP address from the offline ranges of `@ip-location-db/asn`
 * (RouteViews, the five regional registries and DB-IP IP to ASN Lite, all under CC BY 4.0).
 * Nothing is downloaded at run time.
 *
 * NOTE: IPv6 lookups compare the upper 64 bits only, so a range smaller than a /64 may return
 * the ASN of its neighbour.
 */
export class IpAsnDatabase {
  private constructor(
    private readonly ipv4: AsnColumns,
    private readonly ipv6: AsnColumns,
    private readonly organisationNames: string[],
  ) {}

  /**
   * Reads both CSV files of the package, about 515,000 ranges.
   *
   * @throws VigilError `asn_database_not_found` when the package is not installed.
   */
  static loadFromPackage(directory = packageDirectory()): IpAsnDatabase {
    const names: string[] = [];
    const organisationIndex = interner(names);
    const ipv4 = readRanges(path.join(directory, IPV4_FILE), 'ipv4', organisationIndex);
    const ipv6 = readRanges(path.join(directory, IPV6_FILE), 'ipv6', organisationIndex);

    return new IpAsnDatabase(ipv4, ipv6, names);
  }

  /** Returns the ASN of `ip`, or undefined for a malformed, private, reserved or unlisted one. */
  lookup(ip: string): IpAsn | undefined {
    const address = parseIp(ip);
    if (address === undefined || !isPublicUnicast(ip)) {
      return undefined;
    }
    const table = address.family === 'ipv4' ? this.ipv4 : this.ipv6;
    const value = address.family === 'ipv4' ? address.value : address.value >> 64n;
    const row = findRangeRow(table, value);
    if (row === undefined) {
      return undefined;
    }

    return {
      asn: table.asns[row],
      as_organisation: this.organisationNames[table.organisations[row]],
    };
  }
}

function packageDirectory(): string {
  return installedPackageDirectory(ASN_PACKAGE, 'asn_database_not_found');
}

function readRanges(
  file: string,
  family: 'ipv4' | 'ipv6',
  organisationIndex: (name: string) => number,
): AsnColumns {
  const text = readFileSync(file, 'utf8');
  const capacity = countLines(text);
  const ipv4 = family === 'ipv4';
  const firsts = ipv4 ? new Uint32Array(capacity) : new BigUint64Array(capacity);
  const lasts = ipv4 ? new Uint32Array(capacity) : new BigUint64Array(capacity);
  const asns = new Uint32Array(capacity);
  const organisations = new Uint32Array(capacity);
  let size = 0;
  // Walks the text line by line instead of splitting it, so no array of 400,000 lines is built.
  for (let start = 0; start < text.length;) {
    const newline = text.indexOf('\n', start);
    const end = newline < 0 ? text.length : newline;
    const row = parseRow(text.slice(start, end));
    start = end + 1;
    if (row === undefined) {
      continue;
    }
    if (ipv4) {
      firsts[size] = Number(row.first);
      lasts[size] = Number(row.last);
    } else {
      firsts[size] = BigInt(row.first) >> 64n;
      lasts[size] = BigInt(row.last) >> 64n;
    }
    asns[size] = row.asn;
    organisations[size] = organisationIndex(row.organisation);
    size += 1;
  }

  return { firsts, lasts, asns, organisations, size };
}

function countLines(text: string): number {
  let count = 1;
  for (let index = text.indexOf('\n'); index >= 0; index = text.indexOf('\n', index + 1)) {
    count += 1;
  }

  return count;
}

/** Splits `start,end,asn,organisation`, where the organisation may be a quoted CSV field. */
function parseRow(
  line: string,
): { first: string; last: string; asn: number; organisation: string } | undefined {
  const [first, last, asnText] = line.split(',', 3);
  const asn = Number(asnText);
  if (!first || !last || !asnText || !Number.isInteger(asn)) {
    return undefined;
  }
  const rest = line.slice(first.length + last.length + asnText.length + 3).trim();
  const organisation =
    rest.startsWith('"') && rest.endsWith('"') ? rest.slice(1, -1).replace(/""/g, '"') : rest;

  return { first, last, asn, organisation };
}

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { VigilError } from '@vigil/contracts';
import { parseIp } from './ip-address';
import { IpListFormat, IpListRow, parseIpList } from './ip-list-parsers';
import { IpRangeRow, IpRangeTable } from './ip-range-table';

export type IpReputationCategory = 'datacenter' | 'vpn' | 'tor';

/** The list entry an address fell into. */
export interface IpListMatch {
  /** File name of the list. */
  source: string;
  /** The range as the list wrote it. */
  range: string;
  provider?: string;
}

/** The first matching list entry per category; empty when no list contains the address. */
export type IpReputationMatch = Partial<Record<IpReputationCategory, IpListMatch>>;

/** Mapping of file names in the IP reputation directory to a category and a line format. */
export interface IpListFileRule {
  fileName: RegExp;
  category: IpReputationCategory;
  format: IpListFormat;
}

/**
 * The files `loadFromDirectory` reads; other files are ignored. When several lists of one category
 * contain an address, the match comes from the rule listed first, so the X4BNet lists, rebuilt
 * regularly from provider address space, win over ipcat, which has not changed since 2023.
 */
export const IP_LIST_FILE_RULES: readonly IpListFileRule[] = [
  { fileName: /^x4bnet_datacenter_ipv[46]\.txt$/, category: 'datacenter', format: 'cidr' },
  { fileName: /^x4bnet_vpn_ipv[46]\.txt$/, category: 'vpn', format: 'cidr' },
  { fileName: /^ipcat_datacenters\.csv$/, category: 'datacenter', format: 'ipcat-csv' },
  { fileName: /^tor_exit_addresses.*\.txt$/, category: 'tor', format: 'address' },
];

const DATA_DIRECTORY_FROM_REPO_ROOT = path.join('services', 'scoring', 'data', 'ip-reputation');

/** One loaded list file, with a range table per address family. */
export interface IpReputationList {
  source: string;
  category: IpReputationCategory;
  ipv4: IpRangeTable<number>;
  ipv6: IpRangeTable<bigint>;
}

/** Datacenter, VPN and Tor exit lists held in memory for lookups of client IPs. */
export class IpReputation {
  constructor(readonly lists: readonly IpReputationList[]) {}

  /**
   * Reads every file of `directory` that matches `IP_LIST_FILE_RULES`.
   *
   * @throws VigilError `ip_lists_not_found` when the directory is missing or contains no list file,
   * or `invalid_ip_list` when a list has a malformed line.
   */
  static loadFromDirectory(directory: string): IpReputation {
    const fileNames = existsSync(directory) ? readdirSync(directory).sort() : [];
    const lists = IP_LIST_FILE_RULES.flatMap((rule) =>
      fileNames
        .filter((fileName) => rule.fileName.test(fileName))
        .map((fileName) => loadList(directory, fileName, rule)),
    );
    if (lists.length === 0) {
      throw new VigilError(
        `No IP reputation list found in ${directory}; point the scoring service at the ` +
          `directory that holds the files described in ${DATA_DIRECTORY_FROM_REPO_ROOT}/SOURCE.md`,
        'ip_lists_not_found',
        false,
        { directory },
      );
    }

    return new IpReputation(lists);
  }

  /** Looks `ip` up in every list. A malformed address matches nothing. */
  lookup(ip: string): IpReputationMatch {
    const address = parseIp(ip);
    const match: IpReputationMatch = {};
    if (address === undefined) {
      return match;
    }
    for (const list of this.lists) {
      if (match[list.category] !== undefined) {
        continue;
      }
      const label =
        address.family === 'ipv4' ? list.ipv4.find(address.value) : list.ipv6.find(address.value);
      if (label !== undefined) {
        match[list.category] = { source: list.source, ...label };
      }
    }

    return match;
  }
}

/**
 * Returns the shipped list directory, found from this module's location so that it works from
 * the sources (`services/scoring/src/risk`) and from the build (`dist/services/scoring/src/risk`):
 * it walks up to the first directory with a `package.json` that has the data folder beneath it.
 *
 * @throws VigilError `ip_lists_not_found` when no such directory exists above `startDirectory`.
 */
export function defaultIpReputationDirectory(startDirectory: string = __dirname): string {
  let directory = path.resolve(startDirectory);
  for (;;) {
    const candidate = path.join(directory, DATA_DIRECTORY_FROM_REPO_ROOT);
    if (existsSync(path.join(directory, 'package.json')) && existsSync(candidate)) {
      return candidate;
    }
    const parent = path.dirname(directory);
    if (parent === directory) {
      throw new VigilError(
        `No ${DATA_DIRECTORY_FROM_REPO_ROOT} found above ${startDirectory}; ` +
          'run the service from a checkout of the repository or pass the list directory explicitly',
        'ip_lists_not_found',
        false,
        { startDirectory },
      );
    }
    directory = parent;
  }
}

function loadList(directory: string, fileName: string, rule: IpListFileRule): IpReputationList {
  const text = readFileSync(path.join(directory, fileName), 'utf8');
  const rows = parseIpList(text, rule.format, fileName);

  return {
    source: fileName,
    category: rule.category,
    ipv4: new IpRangeTable(rowsOfFamily(rows, 'ipv4')),
    ipv6: new IpRangeTable(rowsOfFamily(rows, 'ipv6')),
  };
}

function rowsOfFamily(rows: IpListRow[], family: 'ipv4'): IpRangeRow<number>[];
function rowsOfFamily(rows: IpListRow[], family: 'ipv6'): IpRangeRow<bigint>[];
function rowsOfFamily(rows: IpListRow[], family: 'ipv4' | 'ipv6'): IpRangeRow<number | bigint>[] {
  return rows
    .filter((row) => row.range.family === family)
    .map((row) => ({ first: row.range.first, last: row.range.last, label: row.label }));
}

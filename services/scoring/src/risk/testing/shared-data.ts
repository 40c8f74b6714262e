import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { parse as parseYaml } from 'yaml';

/** Root of the repository; the shared data sets sit in `../shared/data` beside it. */
export const REPO_ROOT = path.resolve(__dirname, '../../../../..');

/** Returns the path of a file in the shared data sets. */
export function sharedDataPath(...segments: string[]): string {
  return path.resolve(REPO_ROOT, '../shared/data', ...segments);
}

/** A user agent from the isbot fixtures, with the name of the client it belongs to. */
export interface NamedUserAgent {
  name: string;
  userAgent: string;
}

/** Reads `isbot-fixtures/crawlers.yml` or `browsers.yml`: a map of client name to user agents. */
export function readIsbotFixture(fixture: 'crawlers' | 'browsers'): NamedUserAgent[] {
  const text = readFileSync(sharedDataPath('isbot-fixtures', `${fixture}.yml`), 'utf8');
  const byName = parseYaml(text) as Record<string, string[] | null>;

  return Object.entries(byName).flatMap(([name, userAgents]) =>
    (userAgents ?? []).map((userAgent) => ({ name, userAgent })),
  );
}

/** Reads every observed user agent (`instances`) of `crawler-user-agents.json`. */
export function readCrawlerUserAgents(): string[] {
  const file = sharedDataPath('crawler-user-agents', 'crawler-user-agents.json');
  const entries = JSON.parse(readFileSync(file, 'utf8')) as Array<{ instances: string[] }>;

  return entries.flatMap((entry) => entry.instances);
}

/** One real visitor's device record from `user-agents-fingerprints/user-agents.json`. */
export interface VisitorFingerprint {
  userAgent: string;
  platform: string;
  screenWidth: number;
  screenHeight: number;
  deviceCategory: string;
}

export function readVisitorFingerprints(): VisitorFingerprint[] {
  const file = sharedDataPath('user-agents-fingerprints', 'user-agents.json');

  return JSON.parse(readFileSync(file, 'utf8')) as VisitorFingerprint[];
}

/** Reads the Tor exit address snapshot of `ip-reputation-lists`, one address a line. */
export function readTorExitSnapshot(): string[] {
  const file = sharedDataPath('ip-reputation-lists', 'tor_exit_addresses_2024-08-20.txt');

  return readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .filter((line) => line !== '');
}

/** Reads a list of `ip-reputation-lists` as its non-empty lines. */
export function readIpListLines(fileName: string): string[] {
  return readFileSync(sharedDataPath('ip-reputation-lists', fileName), 'utf8')
    .split(/\r?\n/)
    .filter((line) => line !== '');
}

let chromeUserAgent: string | undefined;

/** Returns the first desktop Chrome on Windows user agent of the visitor fingerprints. */
export function readRealChromeUserAgent(): string {
  chromeUserAgent ??= readVisitorFingerprints().find(
    (visitor) =>
      visitor.platform === 'Win32' &&
      /Chrome\/\d/.test(visitor.userAgent) &&
      !/Edg\/|OPR\//.test(visitor.userAgent),
  )?.userAgent;
  if (chromeUserAgent === undefined) {
    throw new Error('No Chrome on Windows user agent found in user-agents-fingerprints');
  }

  return chromeUserAgent;
}

/** Client IP of one login of the RBA sample with the ASN the data set recorded for it in 2020. */
export interface RecordedAsn {
  ip: string;
  asn: number;
}

/** Reads the IP and ASN columns of the 2,000 rows of `rba_head2000_excel_mangled.csv`. */
export function readRbaRecordedAsns(): RecordedAsn[] {
  const file = sharedDataPath('rba-login-sample', 'rba_head2000_excel_mangled.csv');
  const rows = parseCsv(readFileSync(file, 'utf8'), {
    columns: true,
    skip_empty_lines: true,
  }) as Record<string, string>[];

  return rows.map((row) => ({ ip: row['IP Address'], asn: Number(row['ASN']) }));
}

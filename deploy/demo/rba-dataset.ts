import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';

/** The RBA sample file under the shared data directory. */
export const RBA_SAMPLE_FILE = 'rba-login-sample/rba_head2000_excel_mangled.csv';

/**
 * One login attempt of the Risk-Based Authentication data set (Wiefling et al., ACM TOPS 2023,
 * CC BY 4.0), with its timestamp repaired.
 */
export interface RbaLogin {
  index: number;
  /** Epoch milliseconds, read as UTC because the data set gives no time zone. */
  timeMs: number;
  /** The User ID column as the file has it, rounded to 3 significant digits, e.g. `-4.32E+18`. */
  roundedUserId: string;
  rttMs?: number;
  ip: string;
  country: string;
  region: string;
  city: string;
  asn: number;
  userAgent: string;
  browser: string;
  os: string;
  /** mobile, desktop, tablet, bot, unknown or empty. */
  deviceType: string;
  loginSuccessful: boolean;
  /** Ground truth for the report only. The replay never sends it to the API. */
  labels: { attackIp: boolean; accountTakeover: boolean };
}

const COLUMNS = [
  'index',
  'Login Timestamp',
  'User ID',
  'Round-Trip Time [ms]',
  'IP Address',
  'Country',
  'Region',
  'City',
  'ASN',
  'User Agent String',
  'Browser Name and Version',
  'OS Name and Version',
  'Device Type',
  'Login Successful',
  'Is Attack IP',
  'Is Account Takeover',
] as const;

type CsvRecord = Record<(typeof COLUMNS)[number], string>;

/** Reads and repairs the 2,000-row RBA sample from the shared data directory. */
export function readRbaLogins(dataDirectory: string): RbaLogin[] {
  const file = path.join(dataDirectory, RBA_SAMPLE_FILE);

  return parseRbaCsv(readFileSync(file, 'utf8'));
}

/**
 * Parses the RBA sample CSV. Rows keep file order, which is time order.
 *
 * @throws Error when a column is missing, a value is unreadable or the repaired times go backwards.
 */
export function parseRbaCsv(text: string): RbaLogin[] {
  const records = parse(text, { columns: true, skip_empty_lines: true }) as CsvRecord[];
  requireColumns(records[0]);
  const logins = records.map(toLogin);
  requireTimeOrder(logins);

  return logins;
}

/**
 * Repairs a `Login Timestamp` that a spreadsheet cut down to `mm:ss.f`. The sample covers
 * 2020-02-03 12:43:30 to 13:09:53, so a minute of 43 or more belongs to hour 12 and a smaller one
 * to hour 13, after the wrap past the full hour.
 */
export function repairRbaTimestamp(mangled: string): number {
  const match = /^(\d{1,2}):(\d{1,2}(?:\.\d+)?)$/.exec(mangled.trim());
  if (!match) {
    throw new Error(`Login Timestamp ${JSON.stringify(mangled)} is not mm:ss.f`);
  }
  const minute = Number(match[1]);
  const secondsMs = Math.round(Number(match[2]) * 1000);
  const hour = minute >= 43 ? 12 : 13;

  return Date.UTC(2020, 1, 3, hour, minute) + secondsMs;
}

function toLogin(record: CsvRecord): RbaLogin {
  const index = toInteger(record, 'index');
  const rtt = record['Round-Trip Time [ms]'].trim();

  return {
    index,
    timeMs: repairRbaTimestamp(record['Login Timestamp']),
    roundedUserId: record['User ID'].trim(),
    rttMs: rtt === '' ? undefined : toInteger(record, 'Round-Trip Time [ms]'),
    ip: record['IP Address'].trim(),
    country: record['Country'].trim(),
    region: record['Region'].trim(),
    city: record['City'].trim(),
    asn: toInteger(record, 'ASN'),
    userAgent: record['User Agent String'],
    browser: record['Browser Name and Version'].trim(),
    os: record['OS Name and Version'].trim(),
    deviceType: record['Device Type'].trim(),
    loginSuccessful: toBoolean(record, 'Login Successful'),
    labels: {
      attackIp: toBoolean(record, 'Is Attack IP'),
      accountTakeover: toBoolean(record, 'Is Account Takeover'),
    },
  };
}

function requireColumns(first: CsvRecord | undefined): void {
  if (!first) {
    throw new Error('the RBA CSV has no data rows');
  }
  const missing = COLUMNS.filter((column) => !(column in first));
  if (missing.length > 0) {
    throw new Error(
      `the RBA CSV is missing columns ${missing.join(', ')}; pass the 16-column RBA sample`,
    );
  }
}

function requireTimeOrder(logins: RbaLogin[]): void {
  for (let i = 1; i < logins.length; i += 1) {
    if (logins[i].timeMs < logins[i - 1].timeMs) {
      throw new Error(
        `row ${logins[i].index} repairs to a time before row ${logins[i - 1].index}, but the ` +
          'hour rule only holds for the 12:43-13:09 sample',
      );
    }
  }
}

function toInteger(record: CsvRecord, column: keyof CsvRecord): number {
  const value = Number(record[column]);
  if (record[column].trim() === '' || !Number.isInteger(value)) {
    throw new Error(
      `row ${record.index}: ${column} ${JSON.stringify(record[column])} is not an integer`,
    );
  }

  return value;
}

// The sample has TRUE/FALSE after the spreadsheet round trip, while the original has True/False.
function toBoolean(record: CsvRecord, column: keyof CsvRecord): boolean {
  const value = record[column].trim().toLowerCase();
  if (value !== 'true' && value !== 'false') {
    throw new Error(
      `row ${record.index}: ${column} ${JSON.stringify(record[column])} is not TRUE or FALSE`,
    );
  }

  return value === 'true';
}

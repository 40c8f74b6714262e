import path from 'node:path';
import { parseRbaCsv, RbaLogin, readRbaLogins, repairRbaTimestamp } from './rba-dataset';

const DATA_DIRECTORY = path.resolve(__dirname, '../..', '../shared/data');

function isoOf(login: RbaLogin): string {
  return new Date(login.timeMs).toISOString();
}

describe('readRbaLogins', () => {
  const logins = readRbaLogins(DATA_DIRECTORY);

  it('reads 2000 rows in index order', () => {
    expect(logins).toHaveLength(2000);
    expect(logins[0].index).toBe(0);
    expect(logins[1999].index).toBe(1999);
  });

  it('repairs first and last timestamps', () => {
    expect(isoOf(logins[0])).toBe('2020-02-03T12:43:30.800Z');
    expect(isoOf(logins[1999])).toBe('2020-02-03T13:09:53.000Z');
  });

  it('moves to hour 13 at the wrap', () => {
    expect(isoOf(logins[1239])).toBe('2020-02-03T12:59:57.700Z');
    expect(isoOf(logins[1240])).toBe('2020-02-03T13:00:01.100Z');
  });

  it('keeps 167 attack-IP rows and no takeover', () => {
    expect(logins.filter((login) => login.labels.attackIp)).toHaveLength(167);
    expect(logins.filter((login) => login.labels.accountTakeover)).toHaveLength(0);
  });

  it('parses success, RTT and device type', () => {
    expect(logins.filter((login) => login.loginSuccessful)).toHaveLength(1054);
    expect(logins.filter((login) => login.rttMs !== undefined)).toHaveLength(81);
    expect(logins.filter((login) => login.deviceType === 'mobile')).toHaveLength(1227);
    expect(logins[15].rttMs).toBe(1123);
  });

  it('keeps row 0 fields as the file has them', () => {
    expect(logins[0]).toMatchObject({
      roundedUserId: '-4.32E+18',
      ip: '10.0.65.171',
      country: 'NO',
      asn: 29695,
      browser: 'Firefox 20.0.0.1618',
      os: 'iOS 13.4',
      deviceType: 'mobile',
      loginSuccessful: false,
    });
  });
});

describe(repairRbaTimestamp.name, () => {
  it.each([
    ['43:30.8', '2020-02-03T12:43:30.800Z'],
    ['59:59.9', '2020-02-03T12:59:59.900Z'],
    ['00:01.1', '2020-02-03T13:00:01.100Z'],
    ['09:53', '2020-02-03T13:09:53.000Z'],
  ])('repairs %s', (mangled, expected) => {
    expect(new Date(repairRbaTimestamp(mangled)).toISOString()).toBe(expected);
  });

  it('rejects a full timestamp', () => {
    expect(() => repairRbaTimestamp('2020-02-03 12:43:30.772')).toThrow('is not mm:ss.f');
  });
});

describe(parseRbaCsv.name, () => {
  const header =
    'index,Login Timestamp,User ID,Round-Trip Time [ms],IP Address,Country,Region,City,ASN,' +
    'User Agent String,Browser Name and Version,OS Name and Version,Device Type,' +
    'Login Successful,Is Attack IP,Is Account Takeover';

  it('rejects a file without the User ID column', () => {
    const text = 'index,Login Timestamp\n0,43:30.8\n';

    expect(() => parseRbaCsv(text)).toThrow('is missing columns User ID');
  });

  it('rejects rows that go back in time', () => {
    const row = (index: number, time: string) =>
      `${index},${time},1.00E+18,,10.0.0.1,NO,-,-,29695,UA,Chrome 80,Android 9,mobile,TRUE,FALSE,FALSE`;
    const text = [header, row(0, '44:00.0'), row(1, '43:59.0')].join('\n');

    expect(() => parseRbaCsv(text)).toThrow('row 1 repairs to a time before row 0');
  });

  it('rejects a boolean that is not TRUE or FALSE', () => {
    const text = `${header}\n0,43:30.8,1.00E+18,,10.0.0.1,NO,-,-,29695,UA,C,A,mobile,yes,FALSE,FALSE`;

    expect(() => parseRbaCsv(text)).toThrow('row 0: Login Successful "yes" is not TRUE or FALSE');
  });
});

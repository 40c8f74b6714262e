import path from 'node:path';
import { deviceProfileOf } from './device-profile';
import { readRbaLogins } from './rba-dataset';

const logins = readRbaLogins(path.resolve(__dirname, '../..', '../shared/data'));

describe(deviceProfileOf.name, () => {
  it('adds the RTT when the row has one', () => {
    expect(deviceProfileOf(logins[15]).attributes).toEqual({
      device_type: logins[15].deviceType,
      browser: logins[15].browser,
      os: logins[15].os,
      rtt_ms: 1123,
    });
  });

  it('leaves out empty values', () => {
    const profile = deviceProfileOf({ ...logins[0], deviceType: '', rttMs: undefined });

    expect(profile.attributes).toEqual({ browser: 'Firefox 20.0.0.1618', os: 'iOS 13.4' });
  });

  it('trims the trailing space of parsed names', () => {
    const [bot] = logins.filter((login) => login.deviceType === 'bot');

    expect(deviceProfileOf(bot).attributes).toEqual({
      device_type: 'bot',
      browser: 'Other',
      os: 'Other',
    });
  });
});

import { findDeviceContradictions, osFamilyOfUserAgent } from './device-consistency';
import { readVisitorFingerprints, VisitorFingerprint } from './testing/shared-data';

const visitors = readVisitorFingerprints();

function contradictionsOf(visitor: VisitorFingerprint) {
  return findDeviceContradictions(visitor.userAgent, {
    platform: visitor.platform,
    screenWidth: visitor.screenWidth,
  });
}

describe(findDeviceContradictions.name, () => {
  it('finds almost none on real devices of matching platforms', () => {
    const platforms = new Set(['iPhone', 'iPad', 'MacIntel', 'Win32', 'Linux armv81']);
    const matching = visitors.filter((visitor) => platforms.has(visitor.platform));
    const flagged = matching.filter((visitor) => contradictionsOf(visitor).length > 0);

    expect(matching.length).toBeGreaterThan(8000);
    expect(flagged.length / matching.length).toBeLessThan(0.005);
  });

  it('flags iPhone user agents reported from Linux x86_64', () => {
    const posing = visitors.filter(
      (visitor) => /iPhone/.test(visitor.userAgent) && visitor.platform === 'Linux x86_64',
    );

    expect(posing.length).toBeGreaterThan(100);
    for (const visitor of posing) {
      expect(contradictionsOf(visitor)[0]).toMatchObject({
        check: 'platform',
        user_agent_os: 'ios',
        reported: 'Linux x86_64',
      });
    }
  });

  it('flags a Windows user agent on an iPhone platform', () => {
    const windows = visitors.find((visitor) => visitor.platform === 'Win32')!;

    expect(findDeviceContradictions(windows.userAgent, { platform: 'iPhone' })).toEqual([
      { check: 'platform', user_agent_os: 'windows', reported: 'iPhone' },
    ]);
  });

  it('flags a phone user agent without touch or with a desktop screen', () => {
    const phone = visitors.find((visitor) => visitor.platform === 'iPhone')!;

    const found = findDeviceContradictions(phone.userAgent, {
      platform: 'iPhone',
      touchPoints: 0,
      screenWidth: 2560,
    });

    expect(found.map((item) => item.check)).toEqual(['touch_points', 'screen_width']);
  });

  it('ignores what was not reported', () => {
    const phone = visitors.find((visitor) => visitor.platform === 'iPhone')!;

    expect(findDeviceContradictions(phone.userAgent, {})).toEqual([]);
    expect(findDeviceContradictions('curl/8.0', { platform: 'Win32' })).toEqual([]);
  });
});

describe(osFamilyOfUserAgent.name, () => {
  it('names the OS of every real visitor with a known platform', () => {
    const known = visitors.filter((visitor) => /^(iPhone|MacIntel|Win32)$/.test(visitor.platform));
    const named = known.filter((visitor) => osFamilyOfUserAgent(visitor.userAgent) !== undefined);

    expect(named.length).toBe(known.length);
  });
});

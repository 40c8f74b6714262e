import { actionInput, RESIDENTIAL_IP } from '../testing/risk-builders';
import { readVisitorFingerprints } from '../testing/shared-data';
import { signalOf, signalsOf } from '../testing/signal-context';

const visitors = readVisitorFingerprints();
const iphone = visitors.find((visitor) => visitor.platform === 'iPhone')!;
const windows = visitors.find((visitor) => visitor.platform === 'Win32')!;

describe('USER_AGENT_DEVICE_MISMATCH', () => {
  it('raises for an iPhone user agent on a Linux desktop', () => {
    const input = actionInput({
      client: { user_agent: iphone.userAgent },
      session: { device_attributes: { platform: 'Linux x86_64', screen_width: 1920 } },
    });

    const signal = signalOf('USER_AGENT_DEVICE_MISMATCH', input);

    expect(signal?.weight).toBe(30);
    expect(signal?.evidence.contradictions).toEqual([
      expect.objectContaining({
        check: 'platform',
        user_agent_os: 'ios',
        reported: 'Linux x86_64',
      }),
      expect.objectContaining({ check: 'screen_width', reported: 1920 }),
    ]);
  });

  it('raises for few real Windows visitors, each with a non-Windows user agent', () => {
    const sample = visitors.filter((visitor) => visitor.platform === 'Win32');
    const raised = sample.filter((visitor) => {
      const input = actionInput({
        client: { user_agent: visitor.userAgent },
        session: {
          device_attributes: { platform: visitor.platform, screen_width: visitor.screenWidth },
        },
      });

      return signalOf('USER_AGENT_DEVICE_MISMATCH', input) !== undefined;
    });

    // A few visitors send a Mac or Linux user agent from Windows, as user-agent switchers do.
    expect(sample.length).toBeGreaterThan(1000);
    expect(raised.length / sample.length).toBeLessThan(0.03);
    expect(raised.filter((visitor) => /Windows/.test(visitor.userAgent))).toEqual([]);
  });
});

describe('TIMEZONE_COUNTRY_MISMATCH', () => {
  it('raises for a Berlin time zone on a US address', () => {
    const input = actionInput({
      client: { user_agent: windows.userAgent },
      session: { device_attributes: { time_zone: 'Europe/Berlin' } },
    });

    expect(signalOf('TIMEZONE_COUNTRY_MISMATCH', input)?.evidence).toEqual({
      ip: RESIDENTIAL_IP,
      ip_country: 'US',
      country_utc_offsets_minutes: expect.arrayContaining([-240, -300, -360, -420]),
      device_utc_offset_minutes: 120,
      device_time_zone: 'Europe/Berlin',
    });
  });

  it('raises nothing for a US time zone or offset on a US address', () => {
    const byZone = actionInput({
      session: { device_attributes: { time_zone: 'America/Chicago' } },
    });
    const byOffset = actionInput({
      session: { device_attributes: { timezone_offset_minutes: 240 } },
    });

    expect(signalOf('TIMEZONE_COUNTRY_MISMATCH', byZone)).toBeUndefined();
    expect(signalOf('TIMEZONE_COUNTRY_MISMATCH', byOffset)).toBeUndefined();
  });

  it('reads the offset when the zone is missing', () => {
    const input = actionInput({
      session: { device_attributes: { timezone_offset_minutes: -330 } },
    });

    expect(signalOf('TIMEZONE_COUNTRY_MISMATCH', input)?.evidence).toMatchObject({
      device_utc_offset_minutes: 330,
      device_time_zone: null,
    });
  });
});

describe('PRIVATE_BROWSING', () => {
  it('raises when the SDK reports incognito', () => {
    const input = actionInput({ session: { device_attributes: { incognito: true } } });

    expect(signalOf('PRIVATE_BROWSING', input)).toEqual({
      code: 'PRIVATE_BROWSING',
      weight: 10,
      evidence: { attribute: 'incognito' },
    });
  });

  it('raises nothing for a normal window', () => {
    const input = actionInput({ session: { device_attributes: { private_browsing: false } } });

    expect(signalsOf(input)).toEqual([]);
  });
});

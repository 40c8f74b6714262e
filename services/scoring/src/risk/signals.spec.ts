import { ActionContextualized } from '@vigil/contracts';
import { ActionHistory, WindowCounts } from './action-history';
import { defaultIpReputationDirectory, IpReputation } from './ip-reputation';
import { DEFAULT_RISK_SIGNAL_CONFIG, RiskSignalConfig } from './risk-config';
import { buildSignalContext, evaluateSignals, RiskSignal, RiskSignalCode } from './signals';
import { actionInput, historyOf } from './testing/risk-builders';
import { readIpListLines, readIsbotFixture, readTorExitSnapshot } from './testing/shared-data';

const crawlers = readIsbotFixture('crawlers');
const GOOGLEBOT = crawlers.find((entry) => /Googlebot\/2\.1/.test(entry.userAgent))!.userAgent;
const HEADLESS_CHROME = crawlers.find((entry) => entry.name === 'Chrome Headless')!.userAgent;

function counts(lastMinute: number, lastHour: number, lastDay: number): WindowCounts {
  return { lastMinute, lastHour, lastDay };
}

describe('risk signals', () => {
  let ipReputation: IpReputation;

  beforeAll(() => {
    ipReputation = IpReputation.loadFromDirectory(defaultIpReputationDirectory());
  });

  function signalsOf(
    input: ActionContextualized,
    history: ActionHistory = historyOf(),
    config: RiskSignalConfig = DEFAULT_RISK_SIGNAL_CONFIG,
  ): RiskSignal[] {
    return evaluateSignals(buildSignalContext(input, history, ipReputation, config));
  }

  function signalOf(code: RiskSignalCode, input: ActionContextualized, history?: ActionHistory) {
    return signalsOf(input, history).find((signal) => signal.code === code);
  }

  it('raises nothing for real Chrome from a residential IP', () => {
    expect(signalsOf(actionInput())).toEqual([]);
  });

  it('raises BOT_USER_AGENT for Googlebot', () => {
    const signals = signalsOf(actionInput({ client: { user_agent: GOOGLEBOT } }));

    expect(signals.map((signal) => signal.code)).toEqual(['BOT_USER_AGENT']);
    expect(signals[0].weight).toBe(80);
    expect(signals[0].evidence).toEqual({
      user_agents: [
        { source: 'client', user_agent: GOOGLEBOT, matches: expect.arrayContaining(['Google']) },
      ],
    });
  });

  it('raises AUTOMATION_MARKERS, not BOT_USER_AGENT, for HeadlessChrome', () => {
    const signals = signalsOf(actionInput({ client: { user_agent: HEADLESS_CHROME } }));

    expect(signals.map((signal) => signal.code)).toEqual(['AUTOMATION_MARKERS']);
    expect(signals[0].evidence).toEqual({
      markers: [{ marker: 'headless', matched: 'HeadlessChrome', found_in: 'client.user_agent' }],
    });
  });

  it('raises AUTOMATION_MARKERS for webdriver telemetry', () => {
    const input = actionInput({
      session: { device_attributes: { webdriver: true, platform: 'Win32' } },
    });

    expect(signalOf('AUTOMATION_MARKERS', input)?.evidence).toEqual({
      markers: [{ marker: 'webdriver', matched: 'webdriver=true', found_in: 'device_attributes' }],
    });
  });

  it('inspects a device user agent that differs from the header', () => {
    const input = actionInput({ session: { device_attributes: { user_agent: HEADLESS_CHROME } } });

    expect(signalOf('AUTOMATION_MARKERS', input)?.evidence).toEqual({
      markers: [
        { marker: 'headless', matched: 'HeadlessChrome', found_in: 'device_attributes.user_agent' },
      ],
    });
  });

  it.each([
    ['sdk', undefined, true],
    ['sdk', '   ', true],
    ['backend', undefined, false],
    ['sdk', 'Mozilla/5.0', false],
  ] as const)(
    'MISSING_USER_AGENT for source %s and user agent %p: %s',
    (source, userAgent, raised) => {
      const input = actionInput({ action: { source }, client: { user_agent: userAgent } });

      expect(signalOf('MISSING_USER_AGENT', input) !== undefined).toBe(raised);
    },
  );

  it('raises TOR_EXIT_IP for a snapshot address', () => {
    const address = readTorExitSnapshot()[0];
    const signal = signalOf('TOR_EXIT_IP', actionInput({ client: { ip: address } }));

    expect(signal).toEqual({
      code: 'TOR_EXIT_IP',
      weight: 45,
      evidence: { ip: address, list: 'tor_exit_addresses_2024-08-20.txt', range: address },
    });
  });

  it('raises DATACENTER_IP with the list entry', () => {
    const range = readIpListLines('x4bnet_datacenter_ipv4.txt')[0];
    const address = range.replace(/0\/\d+$/, '1');
    const signal = signalOf('DATACENTER_IP', actionInput({ client: { ip: address } }));

    expect(signal?.evidence).toEqual({ ip: address, list: 'x4bnet_datacenter_ipv4.txt', range });
    expect(signal?.weight).toBe(25);
  });

  it('raises VPN_IP with the list entry', () => {
    const range = readIpListLines('x4bnet_vpn_ipv4.txt')[0];
    const address = range.replace(/0\/\d+$/, '1');
    const signal = signalOf('VPN_IP', actionInput({ client: { ip: address } }));

    expect(signal?.evidence).toEqual({ ip: address, list: 'x4bnet_vpn_ipv4.txt', range });
  });

  it.each([
    ['at the limits', counts(10, 60, 60), undefined, []],
    ['above the minute limit', counts(11, 11, 11), 35, ['last_minute']],
    ['above the hour limit', counts(3, 61, 61), 20, ['last_hour']],
    ['above both limits', counts(11, 61, 61), 35, ['last_minute', 'last_hour']],
  ])('SESSION_ACTION_VELOCITY %s', (_, session, weight, windows) => {
    const signal = signalOf('SESSION_ACTION_VELOCITY', actionInput(), historyOf({ session }));

    expect(signal?.weight).toBe(weight);
    expect((signal?.evidence.exceeded as Array<{ window: string }> | undefined) ?? []).toEqual(
      windows.map((window) => expect.objectContaining({ window })),
    );
  });

  it('reports counts and limits in velocity evidence', () => {
    const history = historyOf({ session: counts(12, 12, 40) });

    expect(signalOf('SESSION_ACTION_VELOCITY', actionInput(), history)?.evidence).toEqual({
      counts: { last_minute: 12, last_hour: 12, last_day: 40 },
      exceeded: [{ window: 'last_minute', count: 12, max_actions: 10 }],
    });
  });

  it.each([
    ['at the limits', counts(5, 30, 200), undefined],
    ['above the minute limit', counts(6, 6, 6), 35],
    ['above the hour limit', counts(1, 31, 31), 25],
    ['above the day limit', counts(1, 1, 201), 15],
  ])('USER_ACTION_VELOCITY %s', (_, user, weight) => {
    const signal = signalOf('USER_ACTION_VELOCITY', actionInput(), historyOf({ user }));

    expect(signal?.weight).toBe(weight);
  });

  it('skips USER_ACTION_VELOCITY without a user', () => {
    const input = actionInput({ action: { user_id: undefined } });

    expect(signalOf('USER_ACTION_VELOCITY', input, historyOf({ user: undefined }))).toBeUndefined();
  });

  it.each([
    [counts(30, 300, 300), undefined],
    [counts(31, 31, 31), 25],
    [counts(1, 301, 301), 15],
  ])('IP_ACTION_VELOCITY for %p weighs %p', (ip, weight) => {
    expect(signalOf('IP_ACTION_VELOCITY', actionInput(), historyOf({ ip }))?.weight).toBe(weight);
  });

  it.each([
    ['a second device', { userKnownDevice: false, userDeviceCount: 2 }, 20],
    ['a known device', { userKnownDevice: true, userDeviceCount: 2 }, undefined],
    ['the first device', { userKnownDevice: false, userDeviceCount: 1 }, undefined],
  ])('NEW_DEVICE_FOR_USER on %s', (_, changes, weight) => {
    const signal = signalOf('NEW_DEVICE_FOR_USER', actionInput(), historyOf(changes));

    expect(signal?.weight).toBe(weight);
  });

  it('reports the other devices in NEW_DEVICE_FOR_USER evidence', () => {
    const history = historyOf({ userKnownDevice: false, userDeviceCount: 4 });

    expect(signalOf('NEW_DEVICE_FOR_USER', actionInput(), history)?.evidence).toEqual({
      device_id: 'device-1',
      other_device_count: 3,
    });
  });

  it.each([
    [0, undefined],
    [1, undefined],
    [2, 15],
    [3, 40],
    [7, 40],
  ])('MULTIPLE_USERS_ON_SESSION with %i users weighs %p', (distinctUserCount, weight) => {
    const input = actionInput({ session: { distinct_user_count: distinctUserCount } });
    const signal = signalOf('MULTIPLE_USERS_ON_SESSION', input);

    expect(signal?.weight).toBe(weight);
    expect(signal?.evidence ?? {}).toEqual(
      weight ? { distinct_user_count: distinctUserCount } : {},
    );
  });

  it('turns off a signal with weight 0', () => {
    const config = { ...DEFAULT_RISK_SIGNAL_CONFIG, botUserAgent: { weight: 0 } };
    const input = actionInput({ client: { user_agent: GOOGLEBOT } });

    expect(signalsOf(input, historyOf(), config)).toEqual([]);
  });

  it('applies configured velocity limits', () => {
    const config: RiskSignalConfig = {
      ...DEFAULT_RISK_SIGNAL_CONFIG,
      sessionActionVelocity: { limits: [{ window: 'lastDay', maxActions: 2, weight: 50 }] },
    };
    const signals = signalsOf(actionInput(), historyOf({ session: counts(1, 1, 3) }), config);

    expect(signals.map((signal) => [signal.code, signal.weight])).toEqual([
      ['SESSION_ACTION_VELOCITY', 50],
    ]);
  });
});

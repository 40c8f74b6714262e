import { decideRecommendation, DEFAULT_THRESHOLDS } from './recommendation';
import { RiskSignal, RiskSignalCode } from './risk-signal';
import { historyOf } from './testing/risk-builders';

function signal(code: RiskSignalCode, weight: number): RiskSignal {
  return { code, weight, evidence: { note: `${code} evidence` } };
}

const KNOWN_DEVICE = historyOf({ userKnownDevice: true, userPreviousActionCount: 3 });

describe(decideRecommendation.name, () => {
  it.each([
    [[], 0, 'ALLOW'],
    [[signal('VPN_IP', 15)], 15, 'ALLOW'],
    [[signal('DATACENTER_IP', 25), signal('NEW_DEVICE_FOR_USER', 24)], 49, 'ALLOW'],
    [[signal('DATACENTER_IP', 25), signal('NEW_DEVICE_FOR_USER', 25)], 50, 'CHALLENGE'],
    [[signal('TOR_EXIT_IP', 45), signal('SESSION_ACTION_VELOCITY', 34)], 79, 'CHALLENGE'],
    [[signal('BOT_USER_AGENT', 80)], 80, 'DENY'],
  ])('scores %j as %i, %s', (signals, riskScore, type) => {
    const recommendation = decideRecommendation(signals, historyOf());

    expect(recommendation.risk_score).toBe(riskScore);
    expect(recommendation.type).toBe(type);
  });

  it('caps the risk score at 100', () => {
    const signals = [signal('BOT_USER_AGENT', 80), signal('AUTOMATION_MARKERS', 80)];
    const recommendation = decideRecommendation(signals, historyOf());

    expect(recommendation.risk_score).toBe(100);
    expect(recommendation.type).toBe('DENY');
    expect(recommendation.reasons).toHaveLength(2);
  });

  it('sorts reasons by weight, then code', () => {
    const signals = [
      signal('VPN_IP', 15),
      signal('TOR_EXIT_IP', 45),
      signal('MULTIPLE_USERS_ON_SESSION', 15),
      signal('DATACENTER_IP', 25),
    ];
    const { reasons } = decideRecommendation(signals, historyOf());

    expect(reasons.map((reason) => [reason.code, reason.weight])).toEqual([
      ['TOR_EXIT_IP', 45],
      ['DATACENTER_IP', 25],
      ['MULTIPLE_USERS_ON_SESSION', 15],
      ['VPN_IP', 15],
    ]);
    expect(reasons[0].evidence).toEqual({ note: 'TOR_EXIT_IP evidence' });
    expect(signals[0].code).toBe('VPN_IP');
  });

  it('trusts a known user on a known device', () => {
    expect(decideRecommendation([], KNOWN_DEVICE)).toEqual({
      type: 'TRUST',
      risk_score: 0,
      reasons: [],
    });
  });

  it('allows, not trusts, a known device with a signal', () => {
    expect(decideRecommendation([signal('VPN_IP', 15)], KNOWN_DEVICE).type).toBe('ALLOW');
  });

  it('allows, not trusts, a device new to the user', () => {
    const firstAction = historyOf({ userKnownDevice: false, userPreviousActionCount: 0 });
    const otherDevice = historyOf({ userKnownDevice: false, userPreviousActionCount: 5 });

    expect(decideRecommendation([], firstAction).type).toBe('ALLOW');
    expect(decideRecommendation([], otherDevice).type).toBe('ALLOW');
  });

  it('allows, not trusts, a known device with a failed result or fraud label', () => {
    const once = { lastMinute: 0, lastHour: 0, lastDay: 1 };
    const none = { lastMinute: 0, lastHour: 0, lastDay: 0 };
    const failed = { ...KNOWN_DEVICE, failedResults: { device: none, user: once } };
    const labelled = {
      ...KNOWN_DEVICE,
      labels: {
        user: { label: 'suspected_fraud' as const, label_id: 'l-1', labelled_at: '2024-08-20' },
      },
    };
    const clean = { ...KNOWN_DEVICE, failedResults: { device: none, user: none } };

    expect(decideRecommendation([], failed).type).toBe('ALLOW');
    expect(decideRecommendation([], labelled).type).toBe('ALLOW');
    expect(decideRecommendation([], clean).type).toBe('TRUST');
  });

  it('applies custom thresholds', () => {
    const thresholds = { deny: 40, challenge: 10 };
    const vpn = [signal('VPN_IP', 15)];
    const tor = [signal('TOR_EXIT_IP', 45)];

    expect(decideRecommendation(vpn, historyOf(), thresholds).type).toBe('CHALLENGE');
    expect(decideRecommendation(tor, historyOf(), thresholds).type).toBe('DENY');
    expect(decideRecommendation(tor, historyOf()).type).toBe('ALLOW');
  });

  it('defaults to DENY at 80 and CHALLENGE at 50', () => {
    expect(DEFAULT_THRESHOLDS).toEqual({ deny: 80, challenge: 50 });
  });
});

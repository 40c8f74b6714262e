import { ActionContextualized } from '@vigil/contracts';
import { ActionHistory, ActionHistoryStore } from './action-history';
import { assessAction } from './assess-action';
import { defaultIpReputationDirectory, IpReputation } from './ip-reputation';
import { DEFAULT_RISK_CONFIG } from './risk-config';
import { actionInput, historyOf } from './testing/risk-builders';
import { readIsbotFixture, readTorExitSnapshot } from './testing/shared-data';

/** Returns a fixed history and keeps the arguments of each call. */
class FixedHistoryStore implements ActionHistoryStore {
  readonly calls: Array<{ input: ActionContextualized; at: Date; tenantId?: string }> = [];

  constructor(private readonly history: ActionHistory) {}

  async recordAndRead(input: ActionContextualized, at: Date, tenantId?: string) {
    this.calls.push({ input, at, tenantId });

    return this.history;
  }
}

const GOOGLEBOT = readIsbotFixture('crawlers').find((entry) =>
  /Googlebot\/2\.1/.test(entry.userAgent),
)!.userAgent;

describe(assessAction.name, () => {
  let ipReputation: IpReputation;

  beforeAll(() => {
    ipReputation = IpReputation.loadFromDirectory(defaultIpReputationDirectory());
  });

  it('denies Googlebot', async () => {
    const input = actionInput({ client: { user_agent: GOOGLEBOT } });
    const history = new FixedHistoryStore(historyOf());

    const { recommendation } = await assessAction(input, { history, ipReputation });

    expect(recommendation.type).toBe('DENY');
    expect(recommendation.reasons.map((reason) => reason.code)).toEqual(['BOT_USER_AGENT']);
  });

  it('allows real Chrome from a residential IP', async () => {
    const history = new FixedHistoryStore(historyOf());

    const assessment = await assessAction(actionInput(), { history, ipReputation });

    expect(assessment).toEqual({
      recommendation: { type: 'ALLOW', risk_score: 0, reasons: [] },
      signals: [],
    });
  });

  it('trusts real Chrome on a known device', async () => {
    const history = new FixedHistoryStore(historyOf({ userKnownDevice: true }));

    const { recommendation } = await assessAction(actionInput(), { history, ipReputation });

    expect(recommendation.type).toBe('TRUST');
  });

  it('challenges a Tor exit on a session with two users', async () => {
    const torOnly = readTorExitSnapshot().find(
      (address) => Object.keys(ipReputation.lookup(address)).join() === 'tor',
    );
    const input = actionInput({
      client: { ip: torOnly },
      session: { distinct_user_count: 2 },
    });
    const history = new FixedHistoryStore(historyOf({ userKnownDevice: true }));

    const { recommendation, signals } = await assessAction(input, { history, ipReputation });

    expect(recommendation.type).toBe('CHALLENGE');
    expect(recommendation.risk_score).toBe(60);
    expect(signals.map((signal) => signal.code)).toEqual([
      'TOR_EXIT_IP',
      'MULTIPLE_USERS_ON_SESSION',
    ]);
  });

  it('passes the time and tenant to the history store', async () => {
    const history = new FixedHistoryStore(historyOf());
    const now = new Date('2024-08-20T10:00:00.000Z');
    const input = actionInput();

    await assessAction(input, { history, ipReputation, now, tenantId: 'tenant-1' });

    expect(history.calls).toEqual([{ input, at: now, tenantId: 'tenant-1' }]);
  });

  it('applies a given config', async () => {
    const input = actionInput({ client: { user_agent: GOOGLEBOT } });
    const history = new FixedHistoryStore(historyOf());
    const config = { ...DEFAULT_RISK_CONFIG, thresholds: { deny: 90, challenge: 70 } };

    const { recommendation } = await assessAction(input, { history, ipReputation, config });

    expect(recommendation.type).toBe('CHALLENGE');
  });
});

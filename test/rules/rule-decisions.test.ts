import { randomUUID } from 'node:crypto';
import { closeFixtures, testKafka } from '../support/fixtures';
import {
  DATACENTER_IP,
  GOOGLEBOT_USER_AGENT,
  IssuedRecommendations,
  RBA_RESIDENTIAL_IP,
  RulesHarness,
} from './rules-harness';

let issued: IssuedRecommendations;

beforeAll(async () => {
  issued = new IssuedRecommendations(testKafka(), `vigil-test-rules-${randomUUID()}`);
  await issued.start();
});

afterAll(async () => {
  await issued.stop();
  await closeFixtures();
});

const denyRange = {
  name: 'Deny the RBA residential range',
  priority: 10,
  matchers: { ipRanges: ['81.167.144.0/24'] },
  recommendation: 'DENY' as const,
};

describe('rules in scoring', () => {
  it('a DENY rule on an IP range changes the next action', async () => {
    const harness = await RulesHarness.create('rule-deny');
    const before = await harness.decide(RBA_RESIDENTIAL_IP);

    const rule = await harness.backend.createRule(denyRange);
    const after = await harness.decide(RBA_RESIDENTIAL_IP);
    const elsewhere = await harness.decide('73.162.10.20');

    expect(before.recommendation.type).toBe('ALLOW');
    expect(after.recommendation.type).toBe('DENY');
    expect(after.ruleHits).toEqual([
      { ruleId: rule.ruleId, version: 1, mode: 'production', recommendation: 'DENY' },
    ]);
    expect(after.reasons.map((reason) => reason.code)).toContain('production_rule');
    expect(elsewhere.recommendation.type).toBe('ALLOW');
  });

  it('a preview rule is reported without changing the outcome', async () => {
    const harness = await RulesHarness.create('rule-preview');
    const rule = await harness.backend.createRule({ ...denyRange, mode: 'preview' });

    const decided = await harness.decide(RBA_RESIDENTIAL_IP);
    const preview = decided.reasons.find((reason) => reason.code === 'preview_rule');

    expect(decided.recommendation.type).toBe('ALLOW');
    expect(decided.ruleHits).toEqual([
      { ruleId: rule.ruleId, version: 1, mode: 'preview', recommendation: 'DENY' },
    ]);
    expect(preview?.weight).toBe(0);
    expect(preview?.evidence).toMatchObject({ rule_id: rule.ruleId, version: 1 });
  });

  it('records the rule version that decided', async () => {
    const harness = await RulesHarness.create('rule-versions');
    const rule = await harness.backend.createRule(denyRange);
    const first = await harness.decide(RBA_RESIDENTIAL_IP);

    await harness.backend.updateRule(rule.ruleId, { ...denyRange, recommendation: 'CHALLENGE' });
    const second = await harness.decide(RBA_RESIDENTIAL_IP);
    await issuedPayloadOf(second.id);

    expect(first.ruleHits?.[0]).toMatchObject({ version: 1, recommendation: 'DENY' });
    expect(first.recommendation.type).toBe('DENY');
    expect(second.ruleHits?.[0]).toMatchObject({ version: 2, recommendation: 'CHALLENGE' });
    expect(second.recommendation.type).toBe('CHALLENGE');
    expect(issued.payloads.get(second.id)?.rule_hits).toEqual([
      { rule_id: rule.ruleId, version: 2, mode: 'production', recommendation: 'CHALLENGE' },
    ]);
  });

  it('a disabled or deleted rule no longer decides', async () => {
    const harness = await RulesHarness.create('rule-disabled');
    const rule = await harness.backend.createRule(denyRange);

    await harness.backend.updateRule(rule.ruleId, { ...denyRange, enabled: false });
    const disabled = await harness.decide(RBA_RESIDENTIAL_IP);
    await harness.backend.updateRule(rule.ruleId, denyRange);
    const enabled = await harness.decide(RBA_RESIDENTIAL_IP);
    await harness.backend.deleteRule(rule.ruleId);
    const deleted = await harness.decide(RBA_RESIDENTIAL_IP);

    expect(disabled.recommendation.type).toBe('ALLOW');
    expect(enabled.recommendation.type).toBe('DENY');
    expect(deleted.recommendation.type).toBe('ALLOW');
  });
});

describe('risk settings in scoring', () => {
  it('thresholds apply per tenant', async () => {
    const strict = await RulesHarness.create('thresholds-strict');
    const lenient = await RulesHarness.create('thresholds-default');
    await strict.backend.putRiskSettings({ thresholds: { challenge: 20, deny: 95 } });

    const strictDecision = await strict.decide(DATACENTER_IP);
    const lenientDecision = await lenient.decide(DATACENTER_IP);

    expect(strictDecision.reasons.map((reason) => reason.code)).toContain('DATACENTER_IP');
    expect(strictDecision.riskScore).toBe(lenientDecision.riskScore);
    expect(strictDecision.riskScore).toBeGreaterThanOrEqual(20);
    expect(strictDecision.riskScore).toBeLessThan(50);
    expect(strictDecision.recommendation.type).toBe('CHALLENGE');
    expect(lenientDecision.recommendation.type).toBe('ALLOW');
  });

  it('monitoring mode returns ALLOW, keeps engine outcome', async () => {
    const harness = await RulesHarness.create('monitoring');
    await harness.backend.putRiskSettings({ monitoringMode: true });

    const decided = await harness.decide(RBA_RESIDENTIAL_IP, GOOGLEBOT_USER_AGENT);
    const payload = await issuedPayloadOf(decided.id);

    expect(decided.reasons.map((reason) => reason.code)).toContain('BOT_USER_AGENT');
    expect(decided.recommendation.type).toBe('ALLOW');
    expect(decided.engineRecommendation).toBe('DENY');
    expect(decided.monitoringMode).toBe(true);
    expect(payload).toMatchObject({
      type: 'ALLOW',
      engine_recommendation: 'DENY',
      monitoring_mode: true,
    });
  });

  it('outside monitoring mode both outcomes agree', async () => {
    const harness = await RulesHarness.create('not-monitoring');

    const decided = await harness.decide(RBA_RESIDENTIAL_IP, GOOGLEBOT_USER_AGENT);

    expect(decided.recommendation.type).toBe('DENY');
    expect(decided.engineRecommendation).toBe('DENY');
    expect(decided.monitoringMode).toBe(false);
  });
});

async function issuedPayloadOf(actionId: string): Promise<Record<string, unknown>> {
  const deadline = Date.now() + 10_000;
  while (!issued.payloads.has(actionId) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const payload = issued.payloads.get(actionId);
  if (payload === undefined) {
    throw new Error(`no recommendation.issued record for ${actionId} within 10 s`);
  }

  return payload;
}

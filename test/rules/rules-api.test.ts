import { accessToken, send } from '../pipeline/http';
import { closeFixtures } from '../support/fixtures';
import { RulesHarness } from './rules-harness';

const VALID_RULE = {
  name: 'Deny a known attack range',
  priority: 10,
  matchers: { ip_ranges: ['194.87.207.0/24'], action_types: ['login'] },
  recommendation: 'DENY',
};

let harness: RulesHarness;
let bearer: Record<string, string>;

beforeAll(async () => {
  harness = await RulesHarness.create('rules-api');
  const token = await accessToken(harness.tenant.client_id, harness.tenant.client_secret);
  bearer = { authorization: `Bearer ${token}` };
});

afterAll(closeFixtures);

describe('rules API', () => {
  it('creates a rule with defaults and version 1', async () => {
    const response = await send('POST', '/risk/v1/rules', VALID_RULE, bearer);

    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      ...VALID_RULE,
      version: 1,
      enabled: true,
      mode: 'production',
    });
    expect(response.body.rule_id).toMatch(/^rule_/);
  });

  it('lists rules in priority order', async () => {
    const later = await harness.backend.createRule({ ...rule(), name: 'later', priority: 900 });
    const first = await harness.backend.createRule({ ...rule(), name: 'first', priority: 1 });

    const rules = await harness.backend.listRules();
    const ids = rules.map((item) => item.ruleId);

    expect(ids.indexOf(first.ruleId)).toBeLessThan(ids.indexOf(later.ruleId));
    expect(rules.map((item) => item.priority)).toEqual(
      [...rules.map((item) => item.priority)].sort((a, b) => a - b),
    );
  });

  it('updates a rule as its next version and keeps the old one', async () => {
    const created = await harness.backend.createRule(rule());

    const updated = await harness.backend.updateRule(created.ruleId, {
      ...rule(),
      recommendation: 'CHALLENGE',
      enabled: false,
    });
    const versions = await harness.backend.listRuleVersions(created.ruleId);

    expect(updated.version).toBe(2);
    expect(updated.recommendation).toBe('CHALLENGE');
    expect(updated.enabled).toBe(false);
    expect(versions.map((version) => [version.version, version.recommendation])).toEqual([
      [1, 'DENY'],
      [2, 'CHALLENGE'],
    ]);
  });

  it('deletes a rule and keeps its versions', async () => {
    const created = await harness.backend.createRule(rule());

    await harness.backend.deleteRule(created.ruleId);
    const fetched = await send('GET', `/risk/v1/rules/${created.ruleId}`, undefined, bearer);
    const versions = await harness.backend.listRuleVersions(created.ruleId);

    expect(fetched.status).toBe(404);
    expect(fetched.body.error).toBe('not_found');
    expect(versions).toHaveLength(2);
    expect(versions[1].deletedAt).toBeDefined();
  });

  it("hides another tenant's rules", async () => {
    const created = await harness.backend.createRule(rule());
    const other = await RulesHarness.create('rules-other');
    const otherToken = await accessToken(other.tenant.client_id, other.tenant.client_secret);
    const otherBearer = { authorization: `Bearer ${otherToken}` };

    const fetched = await send('GET', `/risk/v1/rules/${created.ruleId}`, undefined, otherBearer);
    const changed = await send('PUT', `/risk/v1/rules/${created.ruleId}`, VALID_RULE, otherBearer);
    const listed = await other.backend.listRules();

    expect(fetched.status).toBe(404);
    expect(changed.status).toBe(404);
    expect(listed).toEqual([]);
  });

  it('needs a bearer token', async () => {
    const response = await send('GET', '/risk/v1/rules');

    expect(response.status).toBe(401);
    expect(response.body.error).toBe('unauthorized');
  });

  it.each([
    ['priority below 1', { priority: 0 }, 'priority'],
    ['priority above 1000', { priority: 1001 }, 'priority'],
    ['a missing name', { name: undefined }, 'name'],
    ['an unknown recommendation', { recommendation: 'BLOCK' }, 'recommendation'],
    ['an unknown mode', { mode: 'shadow' }, 'mode'],
    ['no matcher', { matchers: {} }, 'matchers'],
    ['a prefix past 32', { matchers: { ip_ranges: ['10.0.0.0/33'] } }, 'matchers.ip_ranges'],
    ['a host name as range', { matchers: { ip_ranges: ['example.com'] } }, 'matchers.ip_ranges'],
    ['a country name', { matchers: { countries: ['Norway'] } }, 'matchers.countries'],
    ['a negative ASN', { matchers: { asns: [-1] } }, 'matchers.asns'],
    ['an unknown matcher', { matchers: { referrer: ['x'] } }, 'matchers.referrer'],
    [
      'a nested repetition',
      { matchers: { user_agent: { regex: '(a+)+$' } } },
      'matchers.user_agent.regex',
    ],
    [
      'both substring and regex',
      { matchers: { user_agent: { substring: 'a', regex: 'b' } } },
      'matchers.user_agent',
    ],
    [
      'a dotted attribute key',
      { matchers: { custom_attributes: { 'a.b': 1 } } },
      'matchers.custom_attributes',
    ],
  ])('rejects %s naming the field', async (_case, change, field) => {
    const response = await send('POST', '/risk/v1/rules', { ...VALID_RULE, ...change }, bearer);

    expect(response.status).toBe(400);
    expect(response.body.error).toBe('invalid_request');
    expect((response.body.fields as { field: string }[]).map((item) => item.field)).toContain(
      field,
    );
  });
});

describe('OpenAPI document', () => {
  it('lists the rule and settings routes', async () => {
    const response = await send('GET', '/docs-json');
    const paths = Object.keys(response.body.paths as Record<string, unknown>);

    expect(paths).toEqual(
      expect.arrayContaining([
        '/risk/v1/rules',
        '/risk/v1/rules/{rule_id}',
        '/risk/v1/rules/{rule_id}/versions',
        '/risk/v1/settings/risk',
      ]),
    );
  });
});

describe('risk settings API', () => {
  it('returns the defaults before any change', async () => {
    const fresh = await RulesHarness.create('settings-defaults');

    const settings = await fresh.backend.getRiskSettings();

    expect(settings).toEqual({
      thresholds: { challenge: 50, deny: 80 },
      trustMaxScore: 0,
      realtimeBudgetMs: 300,
      budgetExceededOutcome: 'ALLOW',
      monitoringMode: false,
    });
  });

  it('stores the settings and fills in left-out fields', async () => {
    const stored = await harness.backend.putRiskSettings({
      thresholds: { challenge: 30, deny: 60 },
      monitoringMode: true,
    });
    const read = await harness.backend.getRiskSettings();

    expect(read).toEqual(stored);
    expect(read.thresholds).toEqual({ challenge: 30, deny: 60 });
    expect(read.monitoringMode).toBe(true);
    expect(read.realtimeBudgetMs).toBe(300);
  });

  it.each([
    [
      'thresholds out of order',
      { thresholds: { challenge: 90, deny: 80 } },
      'thresholds.challenge',
    ],
    ['a threshold above 100', { thresholds: { challenge: 50, deny: 101 } }, 'thresholds.deny'],
    ['trust at the challenge score', { trust_max_score: 50 }, 'trust_max_score'],
    ['a budget of 0 ms', { realtime_budget_ms: 0 }, 'realtime_budget_ms'],
    ['a budget past 5 s', { realtime_budget_ms: 5001 }, 'realtime_budget_ms'],
    ['an unknown outcome', { budget_exceeded_outcome: 'MAYBE' }, 'budget_exceeded_outcome'],
    ['a string for a flag', { monitoring_mode: 'yes' }, 'monitoring_mode'],
  ])('rejects %s naming the field', async (_case, body, field) => {
    const response = await send('PUT', '/risk/v1/settings/risk', body, bearer);

    expect(response.status).toBe(400);
    expect((response.body.fields as { field: string }[]).map((item) => item.field)).toContain(
      field,
    );
  });
});

function rule() {
  return {
    name: 'deny a documentation range',
    priority: 100,
    matchers: { ipRanges: ['203.0.113.0/24'] },
    recommendation: 'DENY' as const,
  };
}

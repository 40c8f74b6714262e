import { VigilBackendClient } from './backend.client';
import { CannedRoute, RecordingServer } from './testing/recording-server';
import { RuleResponseWire } from './rule.wire';

const RULE_WIRE: RuleResponseWire = {
  rule_id: 'rule_1',
  version: 2,
  name: 'deny attack range',
  priority: 10,
  matchers: {
    ip_ranges: ['194.87.207.0/24'],
    user_agent: { substring: 'HeadlessChrome', ignore_case: true },
  },
  recommendation: 'DENY',
  enabled: true,
  mode: 'preview',
  created_at: '2020-02-03T12:00:00.000Z',
  updated_at: '2020-02-03T12:05:00.000Z',
};

const TOKEN_ROUTE: CannedRoute = () => ({
  status: 200,
  body: { access_token: 'token-1', token_type: 'Bearer', expires_in: 3600 },
});

describe('VigilBackendClient rules, settings and real-time answers', () => {
  let server: RecordingServer;

  async function clientFor(routes: Record<string, CannedRoute>): Promise<VigilBackendClient> {
    server = await RecordingServer.start({ 'POST /oidc/token': TOKEN_ROUTE, ...routes });

    return new VigilBackendClient({
      baseUrl: server.baseUrl,
      clientId: 'app-1',
      clientSecret: 'secret-1',
    });
  }

  afterEach(async () => {
    await server.close();
  });

  it('createRule sends the wire form and maps the answer', async () => {
    const client = await clientFor({
      'POST /risk/v1/rules': () => ({ status: 201, body: RULE_WIRE }),
    });

    const rule = await client.createRule({
      name: 'deny attack range',
      priority: 10,
      matchers: {
        ipRanges: ['194.87.207.0/24'],
        userAgent: { substring: 'HeadlessChrome', ignoreCase: true },
      },
      recommendation: 'DENY',
      mode: 'preview',
    });

    expect(server.requestsTo('POST /risk/v1/rules')[0].body).toEqual({
      name: 'deny attack range',
      priority: 10,
      matchers: {
        ip_ranges: ['194.87.207.0/24'],
        user_agent: { substring: 'HeadlessChrome', ignore_case: true },
      },
      recommendation: 'DENY',
      mode: 'preview',
    });
    expect(rule.ruleId).toBe('rule_1');
    expect(rule.version).toBe(2);
    expect(rule.matchers.userAgent).toEqual({ substring: 'HeadlessChrome', ignoreCase: true });
  });

  it('updateRule and deleteRule use PUT and DELETE on the rule', async () => {
    const client = await clientFor({
      'PUT /risk/v1/rules/rule_1': () => ({ status: 200, body: RULE_WIRE }),
      'DELETE /risk/v1/rules/rule_1': () => ({ status: 204 }),
    });
    const input = {
      name: 'x',
      priority: 1,
      matchers: { deviceIds: ['d1'] },
      recommendation: 'ALLOW' as const,
    };

    await client.updateRule('rule_1', input);
    await client.deleteRule('rule_1');

    expect(server.requestsTo('PUT /risk/v1/rules/rule_1')).toHaveLength(1);
    expect(server.requestsTo('DELETE /risk/v1/rules/rule_1')).toHaveLength(1);
  });

  it('putRiskSettings sends only the fields given', async () => {
    const stored = {
      thresholds: { challenge: 40, deny: 70 },
      trust_max_score: 0,
      realtime_budget_ms: 300,
      budget_exceeded_outcome: 'CHALLENGE',
      monitoring_mode: false,
    };
    const client = await clientFor({
      'PUT /risk/v1/settings/risk': () => ({ status: 200, body: stored }),
    });

    const settings = await client.putRiskSettings({
      thresholds: { challenge: 40, deny: 70 },
      budgetExceededOutcome: 'CHALLENGE',
    });

    expect(server.requestsTo('PUT /risk/v1/settings/risk')[0].body).toEqual({
      thresholds: { challenge: 40, deny: 70 },
      budget_exceeded_outcome: 'CHALLENGE',
    });
    expect(settings.budgetExceededOutcome).toBe('CHALLENGE');
    expect(settings.realtimeBudgetMs).toBe(300);
  });

  it('triggerAction with getRecommendation maps a budget-exceeded answer', async () => {
    const client = await clientFor({
      'POST /risk/v1/action/trigger-action': () => ({
        status: 201,
        body: { action_token: 'at-1', recommendation: { type: 'ALLOW' }, budget_exceeded: true },
      }),
    });

    const answer = await client.triggerAction(
      { sessionToken: 'st-1', actionType: 'login' },
      { getRecommendation: true },
    );

    const request = server.requestsTo('POST /risk/v1/action/trigger-action')[0];
    expect(request.query.get('get_recommendation')).toBe('true');
    expect(answer).toEqual({
      actionToken: 'at-1',
      budgetExceeded: true,
      recommendation: { type: 'ALLOW' },
    });
  });

  it('getRecommendation sends serverWaitMs as wait_ms', async () => {
    const client = await clientFor({
      'GET /risk/v1/recommendation': () => ({
        status: 200,
        body: {
          id: 'a_1',
          issued_at: '2020-02-03T12:43:31.000Z',
          recommendation: { type: 'ALLOW' },
          risk_score: 0,
          reasons: [],
          context: { action_type: 'login', session_id: 's', device_id: 'd' },
          rule_hits: [{ rule_id: 'rule_1', version: 2, mode: 'preview', recommendation: 'DENY' }],
          monitoring_mode: true,
          engine_recommendation: 'DENY',
        },
      }),
    });

    const recommendation = await client.getRecommendation('at-1', { serverWaitMs: 2000 });

    expect(server.requestsTo('GET /risk/v1/recommendation')[0].query.get('wait_ms')).toBe('2000');
    expect(recommendation.ruleHits).toEqual([
      { ruleId: 'rule_1', version: 2, mode: 'preview', recommendation: 'DENY' },
    ]);
    expect(recommendation.engineRecommendation).toBe('DENY');
    expect(recommendation.monitoringMode).toBe(true);
  });
});

import { accessToken, send } from '../pipeline/http';
import { closeFixtures } from '../support/fixtures';
import { CHROME_USER_AGENT, RBA_RESIDENTIAL_IP, RulesHarness } from './rules-harness';

afterAll(closeFixtures);

function loginRequest(sessionToken: string) {
  return {
    sessionToken,
    actionType: 'login',
    ipAddress: RBA_RESIDENTIAL_IP,
    userAgent: CHROME_USER_AGENT,
  };
}

describe('trigger-action with get_recommendation', () => {
  it('answers with the recommendation within the budget', async () => {
    const harness = await RulesHarness.create('realtime');
    await harness.backend.putRiskSettings({ realtimeBudgetMs: 2_000 });
    const sessionToken = await harness.newSession();

    const started = Date.now();
    const answer = await harness.backend.triggerAction(loginRequest(sessionToken), {
      getRecommendation: true,
    });
    const elapsedMs = Date.now() - started;

    expect(answer.budgetExceeded).toBe(false);
    expect(answer.recommendation.type).toBe('ALLOW');
    expect(elapsedMs).toBeLessThan(2_000);
    if (!answer.budgetExceeded) {
      expect(answer.context.ipAddress).toBe(RBA_RESIDENTIAL_IP);
      expect(answer.ruleHits).toEqual([]);
    }
  });

  it('answers budget_exceeded, later the real one', async () => {
    const harness = await RulesHarness.create('realtime-budget');
    await harness.backend.putRiskSettings({
      realtimeBudgetMs: 1,
      budgetExceededOutcome: 'CHALLENGE',
    });
    const sessionToken = await harness.newSession();

    const answer = await harness.backend.triggerAction(loginRequest(sessionToken), {
      getRecommendation: true,
    });
    const later = await harness.backend.getRecommendation(answer.actionToken, {
      serverWaitMs: 5_000,
    });

    expect(answer).toEqual({
      actionToken: answer.actionToken,
      budgetExceeded: true,
      recommendation: { type: 'CHALLENGE' },
    });
    expect(later.recommendation.type).toBe('ALLOW');
  });

  it('returns only the action token without the flag', async () => {
    const harness = await RulesHarness.create('realtime-off');
    const token = await accessToken(harness.tenant.client_id, harness.tenant.client_secret);
    const sessionToken = await harness.newSession();

    const response = await send(
      'POST',
      '/risk/v1/action/trigger-action',
      { session_token: sessionToken, action_type: 'login' },
      { authorization: `Bearer ${token}` },
    );

    expect(response.status).toBe(201);
    expect(Object.keys(response.body)).toEqual(['action_token']);
  });
});

describe('recommendation with wait_ms', () => {
  it('waits for a recommendation not yet computed', async () => {
    const harness = await RulesHarness.create('wait');
    const actionToken = await harness.login(RBA_RESIDENTIAL_IP);

    const recommendation = await harness.backend.getRecommendation(actionToken, {
      serverWaitMs: 5_000,
    });

    expect(recommendation.recommendation.type).toBe('ALLOW');
  });

  it('rejects wait_ms above 5000 naming the field', async () => {
    const harness = await RulesHarness.create('wait-limit');
    const token = await accessToken(harness.tenant.client_id, harness.tenant.client_secret);
    const actionToken = await harness.login(RBA_RESIDENTIAL_IP);

    const response = await send(
      'GET',
      `/risk/v1/recommendation?action_token=${actionToken}&wait_ms=5001`,
      undefined,
      { authorization: `Bearer ${token}` },
    );

    expect(response.status).toBe(400);
    expect((response.body.fields as { field: string }[])[0].field).toBe('wait_ms');
  });
});

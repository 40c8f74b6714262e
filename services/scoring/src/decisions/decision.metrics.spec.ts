import { Registry } from 'prom-client';
import { DecisionMetrics } from './decision.metrics';

describe(DecisionMetrics.name, () => {
  it('counts recommendations by type, reasons by code and decision durations', async () => {
    const registry = new Registry();
    const metrics = new DecisionMetrics(registry);
    const decisions = [
      { type: 'DENY', reasons: [{ code: 'BOT_USER_AGENT' }, { code: 'TOR_IP' }] },
      { type: 'ALLOW', reasons: [] },
      { type: 'DENY', reasons: [{ code: 'BOT_USER_AGENT' }] },
    ];

    metrics.recordPublished(decisions, 1_000, 1_250);
    const text = await registry.metrics();

    expect(text).toContain('vigil_recommendations_total{type="DENY"} 2');
    expect(text).toContain('vigil_recommendations_total{type="ALLOW"} 1');
    expect(text).toContain('vigil_recommendation_reasons_total{reason="BOT_USER_AGENT"} 2');
    expect(text).toContain('vigil_recommendation_reasons_total{reason="TOR_IP"} 1');
    expect(text).toContain('vigil_decision_duration_seconds_count 3');
    expect(text).toContain('vigil_decision_duration_seconds_sum 0.75');
  });
});

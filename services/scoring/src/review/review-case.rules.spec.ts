import { RecommendationIssued } from '@vigil/contracts';
import { caseOpeningOf, RuleFields } from './review-case.rules';

function issued(changes: Partial<RecommendationIssued & RuleFields>) {
  return {
    action_id: 'a_1',
    action_type: 'login',
    device_id: 'device-1',
    type: 'ALLOW' as const,
    risk_score: 0,
    reasons: [],
    issued_at: '2024-08-20T10:00:00.000Z',
    ...changes,
  };
}

describe(caseOpeningOf.name, () => {
  it.each(['CHALLENGE', 'DENY'] as const)('opens a case for %s', (type) => {
    expect(caseOpeningOf(issued({ type }))).toEqual({
      outcome: type,
      opened_for: ['outcome'],
      preview_rule_ids: [],
    });
  });

  it.each(['TRUST', 'ALLOW'] as const)('opens no case for %s', (type) => {
    expect(caseOpeningOf(issued({ type }))).toBeUndefined();
  });

  it('uses the engine recommendation in monitoring mode', () => {
    const monitored = issued({
      type: 'ALLOW',
      monitoring_mode: true,
      engine_recommendation: 'DENY',
    });

    expect(caseOpeningOf(monitored)?.outcome).toBe('DENY');
  });

  it('opens a case for a preview rule hit', () => {
    const previewed = issued({
      rule_hits: [
        { rule_id: 'r-prod', version: 1, mode: 'production', recommendation: 'ALLOW' },
        { rule_id: 'r-preview', version: 2, mode: 'preview', recommendation: 'DENY' },
      ],
    });

    expect(caseOpeningOf(previewed)).toEqual({
      outcome: 'ALLOW',
      opened_for: ['preview_rule'],
      preview_rule_ids: ['r-preview'],
    });
  });
});

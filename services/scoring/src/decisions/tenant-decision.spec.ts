import { DEFAULT_RISK_SETTINGS, RiskSettings } from '@vigil/contracts';
import { ActionHistory } from '../risk/action-history';
import { ActionAssessment } from '../risk/assess-action';
import { decideRecommendation, RecommendationThresholds } from '../risk/recommendation';
import { RiskSignal } from '../risk/risk-signal';
import { historyOf } from '../risk/testing/risk-builders';
import { compileRule } from '../rules/compiled-rule';
import { RuleEvaluation } from '../rules/evaluate-rules';
import { ruleOf } from '../rules/testing/rule-builders';
import { decideForTenant } from './tenant-decision';

const DATACENTER: RiskSignal = { code: 'DATACENTER_IP', weight: 25, evidence: {} };
const VPN: RiskSignal = { code: 'VPN_IP', weight: 15, evidence: {} };
const NO_RULES: RuleEvaluation = { hits: [], previewRules: [] };

interface Assessed {
  assessment: ActionAssessment;
  history: ActionHistory;
}

function assess(
  signals: RiskSignal[],
  options: { knownDevice?: boolean; thresholds?: RecommendationThresholds } = {},
): Assessed {
  const history = historyOf({ userKnownDevice: options.knownDevice ?? false });
  const recommendation = decideRecommendation(signals, history, options.thresholds);

  return { assessment: { recommendation, signals }, history };
}

function decide(assessed: Assessed, rules: RuleEvaluation, tenant: RiskSettings) {
  return decideForTenant(assessed.assessment, assessed.history, rules, tenant);
}

function settings(changes: Partial<RiskSettings> = {}): RiskSettings {
  return { ...DEFAULT_RISK_SETTINGS, ...changes };
}

describe(decideForTenant.name, () => {
  it('keeps the engine outcome outside monitoring mode', () => {
    const decision = decide(assess([DATACENTER, VPN]), NO_RULES, settings());

    expect(decision.type).toBe('ALLOW');
    expect(decision.engine_recommendation).toBe('ALLOW');
    expect(decision.monitoring_mode).toBe(false);
    expect(decision.risk_score).toBe(40);
  });

  it('applies tenant thresholds given to the assessment', () => {
    const thresholds = { challenge: 20, deny: 40 };
    const decision = decide(
      assess([DATACENTER, VPN], { thresholds }),
      NO_RULES,
      settings({ thresholds }),
    );

    expect(decision.type).toBe('DENY');
  });

  it('trusts a known device up to trust_max_score', () => {
    const trusted = decide(
      assess([VPN], { knownDevice: true }),
      NO_RULES,
      settings({ trust_max_score: 15 }),
    );
    const tooRisky = decide(
      assess([DATACENTER], { knownDevice: true }),
      NO_RULES,
      settings({ trust_max_score: 15 }),
    );
    const newDevice = decide(assess([VPN]), NO_RULES, settings({ trust_max_score: 15 }));

    expect(trusted.type).toBe('TRUST');
    expect(tooRisky.type).toBe('ALLOW');
    expect(newDevice.type).toBe('ALLOW');
  });

  it('lets the deciding rule override the score', () => {
    const rule = compileRule(
      ruleOf({ action_types: ['login'] }, { rule_id: 'r-deny', version: 3 }),
    );
    const rules: RuleEvaluation = {
      hits: [{ rule_id: 'r-deny', version: 3, mode: 'production', recommendation: 'DENY' }],
      decidingRule: rule,
      previewRules: [],
    };

    const decision = decide(assess([]), rules, settings());

    expect(decision.type).toBe('DENY');
    expect(decision.risk_score).toBe(0);
    expect(decision.rule_hits).toEqual(rules.hits);
    expect(decision.reasons).toEqual([
      {
        code: 'production_rule',
        weight: 0,
        evidence: { rule_id: 'r-deny', version: 3, name: 'test rule', recommendation: 'DENY' },
      },
    ]);
  });

  it('reports preview rules as weightless reasons', () => {
    const preview = compileRule(ruleOf({ action_types: ['login'] }, { mode: 'preview' }));
    const rules: RuleEvaluation = {
      hits: [{ rule_id: 'rule-1', version: 1, mode: 'preview', recommendation: 'DENY' }],
      previewRules: [preview],
    };

    const decision = decide(assess([VPN]), rules, settings());

    expect(decision.type).toBe('ALLOW');
    expect(decision.reasons.map((reason) => [reason.code, reason.weight])).toEqual([
      ['VPN_IP', 15],
      ['preview_rule', 0],
    ]);
  });

  it('tells the app ALLOW in monitoring mode', () => {
    const thresholds = { challenge: 20, deny: 40 };
    const decision = decide(
      assess([DATACENTER, VPN], { thresholds }),
      NO_RULES,
      settings({ thresholds, monitoring_mode: true }),
    );

    expect(decision.type).toBe('ALLOW');
    expect(decision.engine_recommendation).toBe('DENY');
    expect(decision.monitoring_mode).toBe(true);
  });
});

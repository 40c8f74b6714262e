import { RecommendationType, RiskSettings, RuleHit } from '@vigil/contracts';
import { ActionHistory } from '../risk/action-history';
import { ActionAssessment } from '../risk/assess-action';
import { decideRecommendation } from '../risk/recommendation';
import { CompiledRule } from '../rules/compiled-rule';
import { RuleEvaluation } from '../rules/evaluate-rules';

/** A reason as stored and published: a risk signal, or a rule that matched with weight 0. */
export interface DecisionReason {
  code: string;
  weight: number;
  evidence: Record<string, unknown>;
}

/** The outcome of one action once signals, rules and the tenant's settings are applied. */
export interface TenantDecision {
  /** Recommendation returned to the app: ALLOW in monitoring mode, else `engine_recommendation`. */
  type: RecommendationType;
  engine_recommendation: RecommendationType;
  monitoring_mode: boolean;
  risk_score: number;
  reasons: DecisionReason[];
  rule_hits: RuleHit[];
}

export const PRODUCTION_RULE_REASON = 'production_rule';
export const PREVIEW_RULE_REASON = 'preview_rule';

/**
 * Combines the signal assessment (already scored against the tenant's thresholds) with the rules
 * and the tenant's settings, in three steps:
 * - An ALLOW at or below `trust_max_score` becomes TRUST when the history alone earns TRUST, as
 *   `decideRecommendation` of the risk module decides it for an action without signals.
 * - The first production rule that matched overrides the outcome.
 * - Monitoring mode returns ALLOW to the app whatever the engine decided.
 */
export function decideForTenant(
  assessment: ActionAssessment,
  history: ActionHistory,
  rules: RuleEvaluation,
  settings: RiskSettings,
): TenantDecision {
  const { recommendation } = assessment;
  const riskScore = recommendation.risk_score;
  let engine = recommendation.type;
  if (engine === 'ALLOW' && riskScore <= settings.trust_max_score && earnsTrust(history)) {
    engine = 'TRUST';
  }
  if (rules.decidingRule !== undefined) {
    engine = rules.decidingRule.definition.recommendation;
  }
  const reasons: DecisionReason[] = recommendation.reasons.map((reason) => ({ ...reason }));
  if (rules.decidingRule !== undefined) {
    reasons.push(ruleReason(PRODUCTION_RULE_REASON, rules.decidingRule));
  }
  reasons.push(...rules.previewRules.map((rule) => ruleReason(PREVIEW_RULE_REASON, rule)));

  return {
    type: settings.monitoring_mode ? 'ALLOW' : engine,
    engine_recommendation: engine,
    monitoring_mode: settings.monitoring_mode,
    risk_score: riskScore,
    reasons,
    rule_hits: rules.hits,
  };
}

function earnsTrust(history: ActionHistory): boolean {
  return decideRecommendation([], history).type === 'TRUST';
}

function ruleReason(code: string, rule: CompiledRule): DecisionReason {
  const { rule_id, version, name, recommendation } = rule.definition;

  return { code, weight: 0, evidence: { rule_id, version, name, recommendation } };
}

import { RuleHit } from '@vigil/contracts';
import { ActionFacts } from './action-facts';
import { CompiledRule } from './compiled-rule';

/** The rules that matched one action. */
export interface RuleEvaluation {
  /** Every enabled rule that matched, in evaluation order. */
  hits: RuleHit[];
  /** The first production hit, which sets the recommendation; undefined when none matched. */
  decidingRule?: CompiledRule;
  /** The preview rules among the hits. */
  previewRules: CompiledRule[];
}

/** Sorts rules into evaluation order: priority, lowest number first, then rule id. */
export function sortForEvaluation(rules: CompiledRule[]): CompiledRule[] {
  return [...rules].sort(
    (a, b) =>
      a.definition.priority - b.definition.priority ||
      a.definition.rule_id.localeCompare(b.definition.rule_id),
  );
}

/**
 * Runs every enabled rule on the action. Preview rules run on every action, also after a
 * production rule has decided, and never change the outcome.
 *
 * @param rules rules in evaluation order, as `sortForEvaluation` returns them
 */
export function evaluateRules(rules: CompiledRule[], facts: ActionFacts): RuleEvaluation {
  const evaluation: RuleEvaluation = { hits: [], previewRules: [] };
  for (const rule of rules) {
    const { definition } = rule;
    if (!definition.enabled || !rule.matches(facts)) {
      continue;
    }
    evaluation.hits.push({
      rule_id: definition.rule_id,
      version: definition.version,
      mode: definition.mode,
      recommendation: definition.recommendation,
    });
    if (definition.mode === 'preview') {
      evaluation.previewRules.push(rule);
    } else if (evaluation.decidingRule === undefined) {
      evaluation.decidingRule = rule;
    }
  }

  return evaluation;
}

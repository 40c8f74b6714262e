import { RecommendationIssued, RecommendationType } from '@vigil/contracts';

/** Fields of `recommendation.issued` that the rules engine adds; absent in older events. */
export type RuleFields = Pick<
  RecommendationIssued,
  'rule_hits' | 'monitoring_mode' | 'engine_recommendation'
>;

/** Recommendations that open a review case. */
export const REVIEWED_OUTCOMES: readonly RecommendationType[] = ['CHALLENGE', 'DENY'];

/** The reason a case is opened, or nothing when the action needs no review. */
export interface CaseOpening {
  outcome: RecommendationType;
  opened_for: Array<'outcome' | 'preview_rule'>;
  preview_rule_ids: string[];
}

/**
 * Decides whether a recommendation opens a review case: the engine's outcome is CHALLENGE or
 * DENY (in monitoring mode the app received ALLOW, so `engine_recommendation` decides), or a
 * preview rule matched.
 */
export function caseOpeningOf(payload: RecommendationIssued & RuleFields): CaseOpening | undefined {
  const outcome = payload.engine_recommendation ?? payload.type;
  const previewRuleIds = (payload.rule_hits ?? [])
    .filter((hit) => hit.mode === 'preview')
    .map((hit) => hit.rule_id);
  const openedFor: CaseOpening['opened_for'] = [];
  if (REVIEWED_OUTCOMES.includes(outcome)) {
    openedFor.push('outcome');
  }
  if (previewRuleIds.length > 0) {
    openedFor.push('preview_rule');
  }

  return openedFor.length === 0
    ? undefined
    : { outcome, opened_for: openedFor, preview_rule_ids: previewRuleIds };
}

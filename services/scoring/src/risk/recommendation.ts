import { RecommendationType } from '@vigil/contracts';
import { ActionHistory } from './action-history';
import type { RiskSignal } from './risk-signal';

/** Lowest risk scores that lead to DENY and to CHALLENGE. */
export interface RecommendationThresholds {
  deny: number;
  challenge: number;
}

export const DEFAULT_THRESHOLDS: RecommendationThresholds = { deny: 80, challenge: 50 };

export const MAX_RISK_SCORE = 100;

/** A reason of a recommendation: one risk signal that contributed to its score. */
export type RecommendationReason = RiskSignal;

/** The verdict on one action. */
export interface Recommendation {
  type: RecommendationType;
  /** Sum of the reasons' weights, capped at `MAX_RISK_SCORE`. */
  risk_score: number;
  /** The signals raised, heaviest first, then by code. */
  reasons: RecommendationReason[];
}

/**
 * Decides the recommendation from the raised signals. DENY and CHALLENGE follow the risk score.
 * TRUST needs no signal at all, a user on a device where that user acted before, no failed
 * result of either in the last day and no fraud label on either; any other action gets ALLOW.
 */
export function decideRecommendation(
  signals: RiskSignal[],
  history: ActionHistory,
  thresholds: RecommendationThresholds = DEFAULT_THRESHOLDS,
): Recommendation {
  const reasons = [...signals].sort((a, b) => b.weight - a.weight || a.code.localeCompare(b.code));
  const total = reasons.reduce((sum, reason) => sum + reason.weight, 0);
  const riskScore = Math.min(MAX_RISK_SCORE, total);

  return {
    type: recommendationType(riskScore, reasons, history, thresholds),
    risk_score: riskScore,
    reasons,
  };
}

function recommendationType(
  riskScore: number,
  reasons: RiskSignal[],
  history: ActionHistory,
  thresholds: RecommendationThresholds,
): RecommendationType {
  if (riskScore >= thresholds.deny) {
    return 'DENY';
  }
  if (riskScore >= thresholds.challenge) {
    return 'CHALLENGE';
  }
  if (reasons.length === 0 && riskScore === 0 && history.userKnownDevice && isClean(history)) {
    return 'TRUST';
  }

  return 'ALLOW';
}

/**
 * Returns whether neither the device nor the user has a failed result in the last day or a
 * fraud label, since those keep an action from TRUST even below the weights of their signals.
 */
function isClean(history: ActionHistory): boolean {
  const failures = history.failedResults;
  const failed = (failures?.device.lastDay ?? 0) + (failures?.user?.lastDay ?? 0);
  const labels = Object.values(history.labels ?? {});
  const fraud = labels.some((mark) => mark?.label.endsWith('_fraud'));

  return failed === 0 && !fraud;
}

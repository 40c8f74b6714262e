/** camelCase types of rules, risk settings and real-time responses; `rule.wire.ts` has the wire forms. */
import { AttributeMap, Recommendation, RecommendationType } from './client.types';

export type RuleMode = 'production' | 'preview';

export interface UserAgentMatcher {
  substring?: string;
  /** JavaScript regular expression; a repeated group may not contain a repetition. */
  regex?: string;
  ignoreCase?: boolean;
}

/** The conditions of a rule. Every matcher given must match. */
export interface RuleMatchers {
  /** CIDR ranges or single addresses. */
  ipRanges?: string[];
  deviceIds?: string[];
  userIds?: string[];
  /** ISO 3166-1 alpha-2 codes, upper case. */
  countries?: string[];
  actionTypes?: string[];
  asns?: number[];
  userAgent?: UserAgentMatcher;
  customAttributes?: AttributeMap;
}

/** The fields of a rule that a create or a replace sends. */
export interface RuleInput {
  name: string;
  /** 1-1000, lower numbers first; the first production rule that matches decides. */
  priority: number;
  matchers: RuleMatchers;
  recommendation: RecommendationType;
  /** true by default. */
  enabled?: boolean;
  /** 'production' by default. */
  mode?: RuleMode;
}

export interface Rule extends Required<RuleInput> {
  ruleId: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** One stored version of a rule. */
export interface RuleVersion extends Required<RuleInput> {
  ruleId: string;
  version: number;
  createdAt: string;
  /** Set on the version written when the rule was deleted. */
  deletedAt?: string;
}

/** A rule that matched an action. */
export interface RuleHit {
  ruleId: string;
  version: number;
  mode: RuleMode;
  recommendation: RecommendationType;
}

export interface RiskSettings {
  thresholds: { challenge: number; deny: number };
  trustMaxScore: number;
  realtimeBudgetMs: number;
  budgetExceededOutcome: RecommendationType;
  monitoringMode: boolean;
}

/**
 * The response of triggerAction with getRecommendation: the whole recommendation, or only the
 * tenant's fallback outcome. `recommendation.type` is there in both cases.
 */
export type RealtimeAnswer =
  | ({ actionToken: string; budgetExceeded: false } & Recommendation)
  | {
      actionToken: string;
      budgetExceeded: true;
      /** The tenant's budget_exceeded_outcome; fetch the real one later with the action token. */
      recommendation: { type: RecommendationType };
    };

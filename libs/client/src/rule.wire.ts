/** Wire forms (snake_case) of rules, risk settings and real-time responses. */
import { RecommendationResponseWire, WireAttributeMap } from './wire.types';

type RecommendationTypeWire = 'TRUST' | 'ALLOW' | 'CHALLENGE' | 'DENY';

export interface RuleMatchersWire {
  ip_ranges?: string[];
  device_ids?: string[];
  user_ids?: string[];
  countries?: string[];
  action_types?: string[];
  asns?: number[];
  user_agent?: { substring?: string; regex?: string; ignore_case?: boolean };
  custom_attributes?: WireAttributeMap;
}

/** Body of POST /risk/v1/rules and PUT /risk/v1/rules/:rule_id */
export interface RuleRequestWire {
  name: string;
  priority: number;
  matchers: RuleMatchersWire;
  recommendation: RecommendationTypeWire;
  enabled?: boolean;
  mode?: 'production' | 'preview';
}

export interface RuleResponseWire extends Required<RuleRequestWire> {
  rule_id: string;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface RuleListResponseWire {
  rules: RuleResponseWire[];
}

export interface RuleVersionWire extends Required<RuleRequestWire> {
  rule_id: string;
  version: number;
  created_at: string;
  deleted_at?: string;
}

export interface RuleVersionListResponseWire {
  versions: RuleVersionWire[];
}

export interface RuleHitWire {
  rule_id: string;
  version: number;
  mode: 'production' | 'preview';
  recommendation: RecommendationTypeWire;
}

/** GET and PUT /risk/v1/settings/risk */
export interface RiskSettingsWire {
  thresholds: { challenge: number; deny: number };
  trust_max_score: number;
  realtime_budget_ms: number;
  budget_exceeded_outcome: RecommendationTypeWire;
  monitoring_mode: boolean;
}

/** POST /risk/v1/action/trigger-action?get_recommendation=true */
export type RealtimeAnswerWire =
  | ({ action_token: string; budget_exceeded: false } & RecommendationResponseWire)
  | {
      action_token: string;
      budget_exceeded: true;
      recommendation: { type: RecommendationTypeWire };
    };

import {
  RealtimeAnswer,
  RiskSettings,
  Rule,
  RuleInput,
  RuleMatchers,
  RuleVersion,
} from './rule.types';
import {
  RealtimeAnswerWire,
  RiskSettingsWire,
  RuleMatchersWire,
  RuleRequestWire,
  RuleResponseWire,
  RuleVersionWire,
} from './rule.wire';
import { toRecommendation } from './wire.mapping';

export function toRuleRequestWire(input: RuleInput): RuleRequestWire {
  return {
    name: input.name,
    priority: input.priority,
    matchers: toMatchersWire(input.matchers),
    recommendation: input.recommendation,
    enabled: input.enabled,
    mode: input.mode,
  };
}

function toMatchersWire(matchers: RuleMatchers): RuleMatchersWire {
  const { userAgent } = matchers;

  return {
    ip_ranges: matchers.ipRanges,
    device_ids: matchers.deviceIds,
    user_ids: matchers.userIds,
    countries: matchers.countries,
    action_types: matchers.actionTypes,
    asns: matchers.asns,
    user_agent: userAgent && {
      substring: userAgent.substring,
      regex: userAgent.regex,
      ignore_case: userAgent.ignoreCase,
    },
    custom_attributes: matchers.customAttributes,
  };
}

function toMatchers(wire: RuleMatchersWire): RuleMatchers {
  const userAgent = wire.user_agent;

  return {
    ipRanges: wire.ip_ranges,
    deviceIds: wire.device_ids,
    userIds: wire.user_ids,
    countries: wire.countries,
    actionTypes: wire.action_types,
    asns: wire.asns,
    userAgent: userAgent && {
      substring: userAgent.substring,
      regex: userAgent.regex,
      ignoreCase: userAgent.ignore_case,
    },
    customAttributes: wire.custom_attributes,
  };
}

function toRuleFields(wire: RuleResponseWire | RuleVersionWire): Required<RuleInput> {
  return {
    name: wire.name,
    priority: wire.priority,
    matchers: toMatchers(wire.matchers),
    recommendation: wire.recommendation,
    enabled: wire.enabled,
    mode: wire.mode,
  };
}

export function toRule(wire: RuleResponseWire): Rule {
  return {
    ruleId: wire.rule_id,
    version: wire.version,
    ...toRuleFields(wire),
    createdAt: wire.created_at,
    updatedAt: wire.updated_at,
  };
}

export function toRuleVersion(wire: RuleVersionWire): RuleVersion {
  return {
    ruleId: wire.rule_id,
    version: wire.version,
    ...toRuleFields(wire),
    createdAt: wire.created_at,
    deletedAt: wire.deleted_at,
  };
}

export function toRiskSettings(wire: RiskSettingsWire): RiskSettings {
  return {
    thresholds: { ...wire.thresholds },
    trustMaxScore: wire.trust_max_score,
    realtimeBudgetMs: wire.realtime_budget_ms,
    budgetExceededOutcome: wire.budget_exceeded_outcome,
    monitoringMode: wire.monitoring_mode,
  };
}

export function toRiskSettingsWire(settings: Partial<RiskSettings>): Partial<RiskSettingsWire> {
  return {
    thresholds: settings.thresholds,
    trust_max_score: settings.trustMaxScore,
    realtime_budget_ms: settings.realtimeBudgetMs,
    budget_exceeded_outcome: settings.budgetExceededOutcome,
    monitoring_mode: settings.monitoringMode,
  };
}

export function toRealtimeAnswer(wire: RealtimeAnswerWire): RealtimeAnswer {
  if (wire.budget_exceeded) {
    return {
      actionToken: wire.action_token,
      budgetExceeded: true,
      recommendation: { type: wire.recommendation.type },
    };
  }

  return { actionToken: wire.action_token, budgetExceeded: false, ...toRecommendation(wire) };
}

import { Provider, Type } from '@nestjs/common';
import { ModelDefinition } from '@nestjs/mongoose';
import { MODELS } from '@vigil/persistence';
import { RealtimeActionService } from '../actions/realtime-action.service';
import { RecommendationArrivals } from '../recommendations/recommendation-arrivals';
import { RecommendationReader } from '../recommendations/recommendation.reader';
import { RiskSettingsController } from '../settings/risk-settings.controller';
import { RiskSettingsStore } from '../settings/risk-settings.store';
import { TenantWrites } from '../settings/tenant-writes';
import { RuleController } from './rule.controller';
import { RuleService } from './rule.service';

/** Models, controllers and providers of rules, risk settings and real-time recommendations. */
export const DECISION_MODELS: ModelDefinition[] = [MODELS.tenant, MODELS.rule, MODELS.ruleVersion];

export const decisionControllers: Type[] = [RuleController, RiskSettingsController];

export const decisionProviders: Provider[] = [
  TenantWrites,
  RuleService,
  RiskSettingsStore,
  RecommendationArrivals,
  RecommendationReader,
  RealtimeActionService,
];

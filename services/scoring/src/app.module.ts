import { Module } from '@nestjs/common';
import { SettingsModule } from '@vigil/config';
import { Topics } from '@vigil/contracts';
import { MessagingModule } from '@vigil/messaging';
import { MetricsModule, ObservabilityModule } from '@vigil/observability';
import { HealthModule } from '@vigil/observability/health';
import { MODELS, PersistenceModule } from '@vigil/persistence';
import { ActionScoringConsumer } from './decisions/action-scoring.consumer';
import { DecisionMetrics } from './decisions/decision.metrics';
import { RecommendationRepository } from './decisions/recommendation.repository';
import { scoringProviders } from './decisions/scoring.providers';
import { TenantPolicyStore } from './decisions/tenant-policy.store';
import { REVIEW_MODELS, REVIEW_TOPICS, reviewProviders } from './review/review.providers';
import { ScoringReadiness } from './scoring.readiness';
import { ScoringSettings } from './scoring.settings';

@Module({
  imports: [
    SettingsModule.forRoot(ScoringSettings),
    ObservabilityModule.forService('scoring'),
    HealthModule,
    MetricsModule,
    MessagingModule.forService({
      service: 'scoring',
      produces: [Topics.recommendationIssued],
      consumes: [Topics.actionContextualized, ...REVIEW_TOPICS],
    }),
    PersistenceModule.forRoot([MODELS.recommendation, MODELS.tenant, MODELS.rule, ...REVIEW_MODELS]),
  ],
  providers: [
    ...scoringProviders,
    RecommendationRepository,
    TenantPolicyStore,
    ActionScoringConsumer,
    DecisionMetrics,
    ScoringReadiness,
    ...reviewProviders,
  ],
})
export class ScoringModule {}

import { Module } from '@nestjs/common';
import { SettingsModule } from '@vigil/config';
import { Topics } from '@vigil/contracts';
import { MessagingModule } from '@vigil/messaging';
import { HealthModule, ObservabilityModule } from '@vigil/observability';
import { MODELS, PersistenceModule } from '@vigil/persistence';
import { ActionScoringConsumer } from './decisions/action-scoring.consumer';
import { RecommendationRepository } from './decisions/recommendation.repository';
import { scoringProviders } from './decisions/scoring.providers';
import { TenantPolicyStore } from './decisions/tenant-policy.store';
import { ScoringReadiness } from './scoring.readiness';
import { ScoringSettings } from './scoring.settings';

@Module({
  imports: [
    SettingsModule.forRoot(ScoringSettings),
    ObservabilityModule.forService('scoring'),
    HealthModule,
    MessagingModule.forService({
      service: 'scoring',
      produces: [Topics.recommendationIssued],
      consumes: [Topics.actionContextualized],
    }),
    PersistenceModule.forRoot([MODELS.recommendation, MODELS.tenant, MODELS.rule]),
  ],
  providers: [
    ...scoringProviders,
    RecommendationRepository,
    TenantPolicyStore,
    ActionScoringConsumer,
    ScoringReadiness,
  ],
})
export class ScoringModule {}

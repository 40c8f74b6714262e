import { Module } from '@nestjs/common';
import { SettingsModule } from '@vigil/config';
import { Topics } from '@vigil/contracts';
import { MessagingModule } from '@vigil/messaging';
import { HealthModule, ObservabilityModule } from '@vigil/observability';
import { MODELS, PersistenceModule } from '@vigil/persistence';
import { ActionScoringConsumer } from './decisions/action-scoring.consumer';
import { RecommendationRepository } from './decisions/recommendation.repository';
import { scoringProviders } from './decisions/scoring.providers';
import { REVIEW_MODELS, REVIEW_TOPICS, reviewProviders } from './review/review.providers';
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
      consumes: [Topics.actionContextualized, ...REVIEW_TOPICS],
    }),
    PersistenceModule.forRoot([MODELS.recommendation, ...REVIEW_MODELS]),
  ],
  providers: [
    ...scoringProviders,
    RecommendationRepository,
    ActionScoringConsumer,
    ScoringReadiness,
    ...reviewProviders,
  ],
})
export class ScoringModule {}

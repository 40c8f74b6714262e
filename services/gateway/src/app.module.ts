import { Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { SettingsModule } from '@vigil/config';
import { Topics } from '@vigil/contracts';
import { MessagingModule } from '@vigil/messaging';
import { MetricsModule, ObservabilityModule } from '@vigil/observability';
import { HealthModule } from '@vigil/observability/health';
import { MODELS, PersistenceModule } from '@vigil/persistence';
import { ActionService } from './actions/action.service';
import { ActivityPublisher } from './actions/activity.publisher';
import { BackendActionController } from './actions/backend-action.controller';
import { CollectController } from './collect/collect.controller';
import { DeviceSessionService } from './collect/device-session.service';
import { AccessTokenGuard } from './credentials/access-token.guard';
import { ApplicationDirectory } from './credentials/application-directory';
import { GatewayTokens } from './credentials/gateway-tokens';
import { OidcController } from './credentials/oidc.controller';
import { GatewaySettings } from './gateway.settings';
import { ApiErrorFilter } from './http/api-error.filter';
import { RecommendationController } from './recommendations/recommendation.controller';
import { GatewayReadiness } from './gateway.readiness';
import { SessionLookupController } from './device-sessions/session-lookup.controller';
import {
  endedSessionsProvider,
  gatewayRedisProvider,
} from './device-sessions/session-registry.providers';
import { SessionSettingsController } from './device-sessions/session-settings.controller';
import { TenantSessionPolicy } from './device-sessions/tenant-session-policy';
import { DemoModule } from './demo/demo.module';
import { DECISION_MODELS, decisionControllers, decisionProviders } from './rules/decision.wiring';
import { REVIEW_MODELS, reviewControllers, reviewProviders } from './review/review.wiring';

@Module({
  imports: [
    SettingsModule.forRoot(GatewaySettings),
    ObservabilityModule.forService('gateway'),
    HealthModule,
    MetricsModule,
    MessagingModule.forService({
      service: 'gateway',
      produces: [Topics.telemetryRecorded, Topics.sessionActivityRecorded],
      consumes: [],
    }),
    PersistenceModule.forRoot([
      MODELS.application,
      MODELS.recommendation,
      MODELS.deviceSession,
      ...DECISION_MODELS,
      ...REVIEW_MODELS,
    ]),
    DemoModule,
  ],
  controllers: [
    OidcController,
    CollectController,
    BackendActionController,
    RecommendationController,
    SessionSettingsController,
    SessionLookupController,
    ...decisionControllers,
    ...reviewControllers,
  ],
  providers: [
    { provide: APP_FILTER, useClass: ApiErrorFilter },
    GatewayTokens,
    ApplicationDirectory,
    AccessTokenGuard,
    ActivityPublisher,
    DeviceSessionService,
    ActionService,
    GatewayReadiness,
    gatewayRedisProvider,
    endedSessionsProvider,
    TenantSessionPolicy,
    ...decisionProviders,
    ...reviewProviders,
  ],
})
export class GatewayModule {}

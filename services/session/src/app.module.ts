import { Module } from '@nestjs/common';
import { SettingsModule } from '@vigil/config';
import { Topics } from '@vigil/contracts';
import { MessagingModule } from '@vigil/messaging';
import { MetricsModule, ObservabilityModule } from '@vigil/observability';
import { HealthModule } from '@vigil/observability/health';
import { ActivityModule } from './activity/activity.module';
import { DeviceSessionModule } from './device-session/device-session.module';
import { ExpiryModule } from './expiry/expiry.module';
import { SessionConsumerGroupModule } from './session-consumer-group';
import { SessionSettings } from './session.settings';
import { TelemetryModule } from './telemetry/telemetry.module';

/**
 * The session service: keeps device sessions from telemetry and session activity, joins action
 * events with their session for scoring, and expires idle sessions. The settings are read from
 * the environment when this file is loaded.
 */
@Module({
  imports: [
    SettingsModule.forRoot(SessionSettings),
    ObservabilityModule.forService('session'),
    HealthModule,
    MetricsModule,
    MessagingModule.forService({
      service: 'session',
      produces: [Topics.actionContextualized, Topics.deviceSessionExpired],
      consumes: [Topics.telemetryRecorded, Topics.sessionActivityRecorded],
    }),
    SessionConsumerGroupModule,
    DeviceSessionModule,
    ExpiryModule,
    ActivityModule,
    TelemetryModule,
  ],
})
export class AppModule {}

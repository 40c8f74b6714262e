import { Module } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { Connection } from 'mongoose';
import { HealthRegistry, mongoPingCheck } from '@vigil/observability';
import { MODELS, PersistenceModule } from '@vigil/persistence';
import { DeviceRepository } from './device.repository';
import { DeviceSessionRepository } from './device-session.repository';
import { DocumentWriteLock } from './document-write.lock';
import { SessionPolicies } from './session-policies';
import { SessionTelemetryRepository } from './session-telemetry.repository';

/** Storage of device sessions and devices, and the MongoDB readiness check. */
@Module({
  imports: [PersistenceModule.forRoot([MODELS.deviceSession, MODELS.device, MODELS.tenant])],
  providers: [
    DocumentWriteLock,
    DeviceSessionRepository,
    SessionTelemetryRepository,
    DeviceRepository,
    SessionPolicies,
  ],
  exports: [DeviceSessionRepository, SessionTelemetryRepository, DeviceRepository, SessionPolicies],
})
export class DeviceSessionModule {
  constructor(@InjectConnection() connection: Connection, health: HealthRegistry) {
    health.register('mongodb', mongoPingCheck(connection));
  }
}

import { Module } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { Connection } from 'mongoose';
import { HealthRegistry, mongoPingCheck } from '@vigil/observability';
import { MODELS, PersistenceModule } from '@vigil/persistence';
import { DeviceRepository } from './device.repository';
import { DeviceSessionRepository } from './device-session.repository';
import { DocumentWriteLock } from './document-write.lock';
import { SessionTelemetryRepository } from './session-telemetry.repository';

/** Storage of device sessions and devices, and the MongoDB readiness check. */
@Module({
  imports: [PersistenceModule.forRoot([MODELS.deviceSession, MODELS.device])],
  providers: [
    DocumentWriteLock,
    DeviceSessionRepository,
    SessionTelemetryRepository,
    DeviceRepository,
  ],
  exports: [DeviceSessionRepository, SessionTelemetryRepository, DeviceRepository],
})
export class DeviceSessionModule {
  constructor(@InjectConnection() connection: Connection, health: HealthRegistry) {
    health.register('mongodb', mongoPingCheck(connection));
  }
}

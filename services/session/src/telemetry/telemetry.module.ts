import { Module } from '@nestjs/common';
import { DeviceSessionModule } from '../device-session/device-session.module';
import { TelemetryConsumer } from './telemetry.consumer';

@Module({
  imports: [DeviceSessionModule],
  providers: [TelemetryConsumer],
})
export class TelemetryModule {}

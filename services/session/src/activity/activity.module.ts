import { Module } from '@nestjs/common';
import { DeviceSessionModule } from '../device-session/device-session.module';
import { ExpiryModule } from '../expiry/expiry.module';
import { ActivityBatchHandler } from './activity-batch.handler';
import { ActivityConsumer } from './activity.consumer';

@Module({
  imports: [DeviceSessionModule, ExpiryModule],
  providers: [ActivityBatchHandler, ActivityConsumer],
  exports: [ActivityBatchHandler],
})
export class ActivityModule {}

import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { loadSettings } from '@vigil/config';
import { MODELS } from '@vigil/persistence';
import { GatewayTokens } from '../credentials/gateway-tokens';
import { DemoController } from './demo.controller';
import { DemoSettings } from './demo.settings';

/** The demo page of the browser SDK; see DemoController. */
@Module({
  imports: [MongooseModule.forFeature([MODELS.recommendation])],
  controllers: [DemoController],
  providers: [
    { provide: DemoSettings, useFactory: () => loadSettings(DemoSettings) },
    GatewayTokens,
  ],
})
export class DemoModule {}

import { createService, listen, runService } from '@vigil/runtime';
import { GatewayModule } from './app.module';
import { GatewaySettings } from './gateway.settings';
import { BodyDepthPipe } from './http/body-depth.pipe';
import { createValidationPipe } from './http/validation';
import { serveOpenApi } from './http/openapi';
import { sdkCorsOptions } from './http/sdk-cors';
import { loadSettings } from '@vigil/config';

async function main(): Promise<void> {
  const settings = loadSettings(GatewaySettings);
  const app = await createService(GatewayModule, {
    service: 'gateway',
    trustProxy: settings.TRUST_PROXY,
  });
  app.enableCors(sdkCorsOptions(settings.SDK_ALLOWED_ORIGINS));
  app.useGlobalPipes(new BodyDepthPipe(), createValidationPipe());
  serveOpenApi(app);
  await listen(app, settings.HTTP_PORT, settings.HTTP_HOST);
}

runService(main);

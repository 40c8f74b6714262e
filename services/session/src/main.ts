import { createService, listen } from '@vigil/runtime';
import { AppModule } from './app.module';
import { SessionSettings } from './session.settings';

async function bootstrap(): Promise<void> {
  const app = await createService(AppModule, { service: 'session' });
  const settings = app.get(SessionSettings);
  try {
    await listen(app, settings.HTTP_PORT, settings.HTTP_HOST);
  } catch (error) {
    // The consumers have joined their groups by now, so they must leave them. Otherwise their
    // partitions stall until the group's session timeout ends (30 s by default in kafkajs).
    await app.close();
    throw error;
  }
}

bootstrap().catch((error: unknown) => {
  console.error('session service failed to start', error);
  process.exit(1);
});

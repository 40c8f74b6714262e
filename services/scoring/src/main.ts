import { loadSettings } from '@vigil/config';
import { createService, listen, runService } from '@vigil/runtime';
import { ScoringModule } from './app.module';
import { ScoringSettings } from './scoring.settings';

async function main(): Promise<void> {
  const settings = loadSettings(ScoringSettings);
  const app = await createService(ScoringModule, { service: 'scoring' });
  await listen(app, settings.HTTP_PORT, settings.HTTP_HOST);
}

runService(main);

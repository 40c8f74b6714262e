import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { RunningService, startService, stopService } from '../../deploy/runtime/service-processes';
import { recordRun, TEST_LOG_DIRECTORY } from './service-control';
import { loadStackEnvironment, REPO_ROOT, TEST_PORTS, TEST_SESSION_SETTINGS } from './stack';

declare global {
  var vigilTestServices: RunningService[] | undefined;
}

/**
 * Starts the infrastructure (unless ./vigil test already did) and the three compiled services
 * with short session lifetimes, once for all integration tests.
 */
export default async function globalSetup(): Promise<void> {
  if (!existsSync(path.join(REPO_ROOT, '.local/env'))) {
    execFileSync(path.join(REPO_ROOT, 'deploy/local/up.sh'), { stdio: 'inherit' });
  }
  loadStackEnvironment();
  if (!process.env.TOKEN_SIGNING_KEYS) {
    process.env.TOKEN_SIGNING_KEYS = `test-1:${'t'.repeat(48)}`;
  }
  if (!existsSync(path.join(REPO_ROOT, 'dist/services/gateway/src/main.js'))) {
    throw new Error('services are not compiled: run ./vigil test, or npm run build first');
  }
  const logDirectory = TEST_LOG_DIRECTORY;
  const env = {
    ...TEST_SESSION_SETTINGS,
    LOG_LEVEL: 'info',
    DEMO_PAGE_ENABLED: 'true',
    TOKEN_SIGNING_KEYS: process.env.TOKEN_SIGNING_KEYS,
  };
  // One after another: on a fresh broker the first service creates the topics the others use.
  globalThis.vigilTestServices = [];
  try {
    for (const name of ['session', 'scoring', 'gateway'] as const) {
      const service = await startService({ name, port: TEST_PORTS[name], env, logDirectory });
      globalThis.vigilTestServices.push(service);
    }
  } catch (error) {
    await Promise.all(globalThis.vigilTestServices.map((service) => stopService(service)));
    throw error;
  }
  recordRun(globalThis.vigilTestServices, env);
  indexLocalFerretDb();
}

/** Adds the _id lookup index to the collections the services created (local FerretDB only). */
export function indexLocalFerretDb(): void {
  execFileSync(path.join(REPO_ROOT, 'deploy/local/ferretdb-id-index.sh'), { stdio: 'inherit' });
}

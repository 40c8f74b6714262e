import { execFileSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { RunningService, startService, stopService } from '../../deploy/runtime/service-processes';
import { OtlpReceiver, startOtlpReceiver } from './otlp-receiver';
import { loadStackEnvironment, REPO_ROOT, TEST_PORTS } from './stack';
import {
  OTLP_URL_VARIABLE,
  recordServicePids,
  SPANS_FILE,
  TEST_LOG_DIRECTORY,
  testServiceEnvironment,
} from './test-services';

declare global {
  var vigilTestServices: RunningService[] | undefined;
  var vigilOtlpReceiver: OtlpReceiver | undefined;
}

/**
 * Starts the infrastructure (unless ./vigil test already did), an OTLP receiver that writes the
 * spans to .local/test-logs/spans.jsonl, and the three compiled services with short session
 * lifetimes, once for all integration tests.
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
  globalThis.vigilOtlpReceiver = await startOtlpReceiver(SPANS_FILE);
  // Test files run in workers started after this, which inherit the variable.
  process.env[OTLP_URL_VARIABLE] = globalThis.vigilOtlpReceiver.url;
  rmSync(path.join(logDirectory, 'service-pids.json'), { force: true });
  const env = testServiceEnvironment();
  // One after another: on a fresh broker the first service creates the topics the others use.
  globalThis.vigilTestServices = [];
  try {
    for (const name of ['session', 'scoring', 'gateway'] as const) {
      const service = await startService({ name, port: TEST_PORTS[name], env, logDirectory });
      globalThis.vigilTestServices.push(service);
    }
  } catch (error) {
    await Promise.all(globalThis.vigilTestServices.map((service) => stopService(service)));
    await globalThis.vigilOtlpReceiver.close();
    throw error;
  }
  recordServicePids(globalThis.vigilTestServices);
  indexLocalFerretDb();
}

/** Adds the _id lookup index to the collections the services created (local FerretDB only). */
export function indexLocalFerretDb(): void {
  execFileSync(path.join(REPO_ROOT, 'deploy/local/ferretdb-id-index.sh'), { stdio: 'inherit' });
}

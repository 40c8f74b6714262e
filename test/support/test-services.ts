import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { RunningService, ServiceName } from '../../deploy/runtime/service-processes';
import { REPO_ROOT, TEST_SESSION_SETTINGS } from './stack';

export const TEST_LOG_DIRECTORY = path.join(REPO_ROOT, '.local/test-logs');

/** Spans that the global setup's OTLP receiver received, one JSON object per line. */
export const SPANS_FILE = path.join(TEST_LOG_DIRECTORY, 'spans.jsonl');

/** Process ids of the running test services, so a test can stop one and teardown finds it. */
const PIDS_FILE = path.join(TEST_LOG_DIRECTORY, 'service-pids.json');

/** Variable that passes the URL of the global setup's OTLP receiver to the tests. */
export const OTLP_URL_VARIABLE = 'VIGIL_TEST_OTLP_URL';

/**
 * Returns the environment the test services run with: short session lifetimes, spans exported
 * to the test receiver every 200 ms, and a shutdown deadline below stopService's 20 s kill.
 */
export function testServiceEnvironment(): Record<string, string> {
  const otlpUrl = process.env[OTLP_URL_VARIABLE];

  return {
    ...TEST_SESSION_SETTINGS,
    LOG_LEVEL: 'info',
    DEMO_PAGE_ENABLED: 'true',
    SHUTDOWN_TIMEOUT_SECONDS: '15',
    ...(otlpUrl ? { OTEL_EXPORTER_OTLP_ENDPOINT: otlpUrl, OTEL_BSP_SCHEDULE_DELAY: '200' } : {}),
  };
}

/** Records the process id of each service, replacing earlier records of the same name. */
export function recordServicePids(services: RunningService[]): void {
  const pids = readServicePids();
  for (const service of services) {
    if (service.child.pid !== undefined) {
      pids[service.name] = service.child.pid;
    }
  }
  writeFileSync(PIDS_FILE, JSON.stringify(pids));
}

export function readServicePids(): Partial<Record<ServiceName, number>> {
  return existsSync(PIDS_FILE) ? JSON.parse(readFileSync(PIDS_FILE, 'utf8')) : {};
}

/** Returns whether a process with this id runs. */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);

    return true;
  } catch {
    return false;
  }
}

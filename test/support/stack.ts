import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '../..');
export const SHARED_DATA = path.resolve(REPO_ROOT, '../shared/data');

/** Ports of the services the integration tests start, apart from a demo's 8080-8082. */
export const TEST_PORTS = { gateway: 18080, session: 18081, scoring: 18082 } as const;

export const GATEWAY_URL = `http://127.0.0.1:${TEST_PORTS.gateway}`;

/** Short lifetimes so that expiry can be observed within a test. */
export const TEST_SESSION_SETTINGS = {
  SESSION_IDLE_TIMEOUT_SECONDS: '3',
  SESSION_SWEEP_INTERVAL_SECONDS: '2',
};

/**
 * Reads the addresses that deploy/local/up.sh wrote to .local/env into process.env, unless the
 * variables are already set (as in CI or against external servers).
 */
export function loadStackEnvironment(): void {
  const file = path.join(REPO_ROOT, '.local/env');
  if (!existsSync(file)) {
    return;
  }
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const match = /^(?:export\s+)?([A-Z_]+)=["']?([^"']*)["']?$/.exec(line.trim());
    if (match && !process.env[match[1]]) {
      process.env[match[1]] = match[2];
    }
  }
}

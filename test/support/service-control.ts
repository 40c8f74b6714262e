import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { RunningService, ServiceName, startService } from '../../deploy/runtime/service-processes';
import { REPO_ROOT, TEST_PORTS } from './stack';

/** Which process serves each test service now, so a test may kill one and start another. */
const RUN_FILE = path.join(REPO_ROOT, '.local/test-logs/running-services.json');
export const TEST_LOG_DIRECTORY = path.join(REPO_ROOT, '.local/test-logs');

interface RunRecord {
  env: Record<string, string>;
  pids: Partial<Record<ServiceName, number>>;
}

function readRun(): RunRecord {
  return existsSync(RUN_FILE)
    ? (JSON.parse(readFileSync(RUN_FILE, 'utf8')) as RunRecord)
    : { env: {}, pids: {} };
}

/** Records the services the global setup started and the environment they got. */
export function recordRun(services: RunningService[], env: Record<string, string>): void {
  const pids = Object.fromEntries(services.map((service) => [service.name, service.child.pid]));
  writeFileSync(RUN_FILE, JSON.stringify({ env, pids }));
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);

    return true;
  } catch {
    return false;
  }
}

/** Sends `signal` to the test service and waits until its process is gone. */
export async function killTestService(name: ServiceName, signal: NodeJS.Signals): Promise<void> {
  const pid = readRun().pids[name];
  if (pid === undefined || !isAlive(pid)) {
    throw new Error(`no running ${name} test service is on record in ${RUN_FILE}`);
  }
  process.kill(pid, signal);
  const deadline = Date.now() + 30_000;
  while (isAlive(pid)) {
    if (Date.now() > deadline) {
      process.kill(pid, 'SIGKILL');
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Starts the test service again on its port with the environment of the global setup. */
export async function restartTestService(name: ServiceName): Promise<void> {
  const run = readRun();
  Object.assign(process.env, run.env);
  const service = await startService({
    name,
    port: TEST_PORTS[name],
    env: run.env,
    logDirectory: TEST_LOG_DIRECTORY,
  });
  // The global teardown stops it by its pid, after this test file's process is gone.
  service.child.unref();
  writeFileSync(
    RUN_FILE,
    JSON.stringify({ ...run, pids: { ...run.pids, [name]: service.child.pid } }),
  );
}

/** Stops every test service on record that is still running. */
export async function stopRecordedServices(): Promise<void> {
  const { pids } = readRun();
  await Promise.all(
    Object.entries(pids).map(async ([name, pid]) => {
      if (pid !== undefined && isAlive(pid)) {
        await killTestService(name as ServiceName, 'SIGTERM');
      }
    }),
  );
}

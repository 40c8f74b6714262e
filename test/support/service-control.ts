import { ServiceName, startService } from '../../deploy/runtime/service-processes';
import { TEST_PORTS } from './stack';
import {
  isRunning,
  readServicePids,
  recordServicePids,
  TEST_LOG_DIRECTORY,
  testServiceEnvironment,
} from './test-services';

/** Sends `signal` to the running test service and waits until its process is gone. */
export async function killTestService(name: ServiceName, signal: NodeJS.Signals): Promise<void> {
  const pid = readServicePids()[name];
  if (pid === undefined || !isRunning(pid)) {
    throw new Error(`no running ${name} test service is on record`);
  }
  process.kill(pid, signal);
  const deadline = Date.now() + 30_000;
  while (isRunning(pid)) {
    if (Date.now() > deadline) {
      process.kill(pid, 'SIGKILL');
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Starts the test service again on its port; the global teardown stops it by its pid. */
export async function restartTestService(name: ServiceName): Promise<void> {
  const service = await startService({
    name,
    port: TEST_PORTS[name],
    env: testServiceEnvironment(),
    logDirectory: TEST_LOG_DIRECTORY,
  });
  service.child.unref();
  recordServicePids([service]);
}

import { stopService } from '../../deploy/runtime/service-processes';
import { isRunning, readServicePids } from './test-services';

/** Stops the services, those a test restarted included, and then the OTLP receiver. */
export default async function globalTeardown(): Promise<void> {
  await Promise.all((globalThis.vigilTestServices ?? []).map((service) => stopService(service)));
  await Promise.all(Object.values(readServicePids()).map((pid) => stopProcess(pid)));
  await globalThis.vigilOtlpReceiver?.close();
}

/** Sends SIGTERM to a service a test restarted, and SIGKILL if it still runs after 20 s. */
async function stopProcess(pid: number): Promise<void> {
  if (!isRunning(pid)) {
    return;
  }
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + 20_000;
  while (isRunning(pid) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  if (isRunning(pid)) {
    process.kill(pid, 'SIGKILL');
  }
}

import { stopService } from '../../deploy/runtime/service-processes';
import { stopRecordedServices } from './service-control';

/** Stops the services of the global setup, and any that a test started in their place. */
export default async function globalTeardown(): Promise<void> {
  await Promise.all((globalThis.vigilTestServices ?? []).map((service) => stopService(service)));
  await stopRecordedServices();
}

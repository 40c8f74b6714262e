import { stopService } from '../../deploy/runtime/service-processes';

export default async function globalTeardown(): Promise<void> {
  await Promise.all((globalThis.vigilTestServices ?? []).map((service) => stopService(service)));
}

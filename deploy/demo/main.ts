import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { InfrastructureSettings, loadSettings } from '@vigil/config';
import { provisionApplicationAt } from '../../services/gateway/src/credentials/tenant-provisioning';
import {
  findRepoRoot,
  RunningService,
  ServiceName,
  startService,
  stopService,
} from '../runtime/service-processes';
import { runRbaReplay } from './replay.runner';
import { formatSummary } from './summary.format';

const PORTS: Record<ServiceName, number> = { gateway: 8080, session: 8081, scoring: 8082 };
const ROOT = findRepoRoot(__dirname);

function log(message: string, fields?: Record<string, unknown>): void {
  const suffix = fields ? ` ${JSON.stringify(fields)}` : '';
  process.stderr.write(`[demo] ${message}${suffix}\n`);
}

async function createDemoTenant() {
  const settings = loadSettings(InfrastructureSettings);

  return provisionApplicationAt(settings.MONGODB_URI, {
    tenantName: 'demo',
    applicationName: 'rba-replay',
  });
}

/**
 * Adds the _id lookup index to the collections of the local FerretDB, which the services have
 * created by now; see deploy/local/ferretdb-id-index.sh.
 */
function indexLocalFerretDb(): void {
  execFileSync(path.join(ROOT, 'deploy/local/ferretdb-id-index.sh'), { stdio: 'inherit' });
}

async function startServices(): Promise<RunningService[]> {
  const logDirectory = path.join(ROOT, '.local/logs');
  const services: RunningService[] = [];
  for (const name of ['session', 'scoring', 'gateway'] as const) {
    log('starting service', { name, port: PORTS[name] });
    // The gateway serves the browser SDK's demo page at /demo.
    const env = { DEMO_PAGE_ENABLED: 'true' };
    services.push(await startService({ name, port: PORTS[name], env, logDirectory }));
  }

  return services;
}

function printUrls(services: RunningService[], clientId: string): void {
  const gateway = `http://127.0.0.1:${PORTS.gateway}`;
  process.stdout.write(
    [
      '',
      'The pipeline keeps running:',
      `  gateway API      ${gateway}   (interactive docs ${gateway}/docs)`,
      `  demo page        ${gateway}/demo?client_id=${clientId}`,
      `  session service  http://127.0.0.1:${PORTS.session}/health/ready`,
      `  scoring service  http://127.0.0.1:${PORTS.scoring}/health/ready`,
      `  service logs     ${services.map((service) => path.relative(ROOT, service.logFile)).join(', ')}`,
      'Press Ctrl-C to stop the services and the infrastructure the demo started.',
      '',
    ].join('\n'),
  );
}

async function shutDown(services: RunningService[]): Promise<void> {
  log('stopping services');
  for (const service of [...services].reverse()) {
    await stopService(service);
  }
  log('stopping infrastructure');
  execFileSync(path.join(ROOT, 'deploy/local/down.sh'), { stdio: 'inherit' });
}

const services: RunningService[] = [];

async function main(): Promise<void> {
  services.push(...(await startServices()));
  let stopping = false;
  const stop = () => {
    if (!stopping) {
      stopping = true;
      shutDown(services).then(
        () => process.exit(0),
        (error) => {
          log('shutdown failed', { error: String(error) });
          process.exit(1);
        },
      );
    }
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);

  const tenant = await createDemoTenant();
  indexLocalFerretDb();
  log('created demo tenant', { tenant_id: tenant.tenant_id, client_id: tenant.client_id });
  const summary = await runRbaReplay({
    baseUrl: `http://127.0.0.1:${PORTS.gateway}`,
    clientId: tenant.client_id,
    clientSecret: tenant.client_secret,
    dataDirectory: process.env.VIGIL_DATA_DIR ?? path.resolve(ROOT, '../shared/data'),
    concurrency: 48,
    log,
  });
  process.stdout.write(`\n${formatSummary(summary)}\n`);
  printUrls(services, tenant.client_id);
}

main().catch(async (error: Error) => {
  log('demo failed', { error: error.stack ?? error.message });
  await shutDown(services).catch(() => undefined);
  process.exit(1);
});

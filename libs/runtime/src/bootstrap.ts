import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger, PinoLogger } from 'nestjs-pino';
import { InfrastructureSettings, loadSettings } from '@vigil/config';
import {
  HttpMetrics,
  observeHttpRequests,
  ShutdownGate,
  startTracing,
  stopTracing,
} from '@vigil/observability';
import { armShutdownDeadline } from './shutdown-deadline';

export interface ServiceOptions {
  /** Name of the service in its spans (`service.name`). */
  service?: string;
  /** Trust X-Forwarded-For from these proxies (Fastify's trustProxy), to read the client's IP. */
  trustProxy?: boolean | string | string[];
  bodyLimitBytes?: number;
}

/**
 * Creates a Nest application on Fastify with pino logging, metrics and tracing of every request,
 * and shutdown hooks. On SIGTERM the modules shut down in order: HTTP requests in progress finish
 * while new ones get 503, consumers finish and commit their batch, workers finish their jobs, the
 * producer flushes, and MongoDB and Redis close last. A shutdown that takes longer than
 * SHUTDOWN_TIMEOUT_SECONDS exits with code 1.
 */
export async function createService(
  module: Parameters<typeof NestFactory.create>[0],
  options: ServiceOptions = {},
): Promise<NestFastifyApplication> {
  const settings = loadSettings(InfrastructureSettings);
  startTracing(options.service ?? 'vigil', settings.OTEL_EXPORTER_OTLP_ENDPOINT);
  const adapter = new FastifyAdapter({
    trustProxy: options.trustProxy ?? false,
    bodyLimit: options.bodyLimitBytes ?? 1_048_576,
  });
  const app = await NestFactory.create<NestFastifyApplication>(module, adapter, {
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  observeHttpRequests(adapter.getInstance(), {
    metrics: optionalProvider(app, HttpMetrics),
    gate: optionalProvider(app, ShutdownGate),
  });
  app.enableShutdownHooks();
  watchShutdownDeadline(app, settings.SHUTDOWN_TIMEOUT_SECONDS * 1000);

  return app;
}

/** Arms the shutdown deadline on SIGTERM or SIGINT and flushes the spans once the app closed. */
function watchShutdownDeadline(app: NestFastifyApplication, timeoutMs: number): void {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      // The root logger, because the injectable PinoLogger is scoped per request.
      const logger = PinoLogger.root;
      logger.info({ signal, timeout_ms: timeoutMs }, 'shutting down');
      armShutdownDeadline(timeoutMs, (fields, message) => logger.error(fields, message));
    });
  }
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onClose', async () => {
      await stopTracing();
    });
}

function optionalProvider<T>(app: NestFastifyApplication, token: new (...args: never[]) => T) {
  try {
    return app.get(token, { strict: false });
  } catch {
    return undefined;
  }
}

/** Starts listening and logs where; `host` defaults to loopback so nothing is exposed by accident. */
export async function listen(app: NestFastifyApplication, port: number, host: string) {
  await app.listen(port, host);
  app.get(Logger).log(`listening on http://${host}:${port}`);
}

/**
 * Runs a service's main function. A failure at boot is printed and exits the process with 1,
 * because logs buffered until the logger is ready would otherwise be lost with it.
 */
export function runService(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    process.stderr.write(`service failed to start: ${(error as Error)?.stack ?? String(error)}\n`);
    process.exit(1);
  });
}

import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';

export interface ServiceOptions {
  /** Trust X-Forwarded-For from these proxies (Fastify's trustProxy), to read the client's IP. */
  trustProxy?: boolean | string | string[];
  bodyLimitBytes?: number;
}

/**
 * Creates a Nest application on Fastify with pino logging and shutdown hooks, so SIGTERM runs
 * the modules' shutdown steps (consumers commit, producers flush) before the process exits.
 */
export async function createService(
  module: Parameters<typeof NestFactory.create>[0],
  options: ServiceOptions = {},
): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    trustProxy: options.trustProxy ?? false,
    bodyLimit: options.bodyLimitBytes ?? 1_048_576,
  });
  const app = await NestFactory.create<NestFastifyApplication>(module, adapter, {
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();

  return app;
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

import { DynamicModule, Module } from '@nestjs/common';
import { IncomingMessage, ServerResponse } from 'node:http';
import { LoggerModule } from 'nestjs-pino';
import { InfrastructureSettings } from '@vigil/config';
import { ShutdownGate } from '../shutdown/shutdown-gate';
import { currentLogContext } from './log-context';
import { isQuietPath } from './quiet-paths';

/** Field names whose values never reach a log line: credentials, tokens and user identifiers. */
export const REDACTED_FIELDS = [
  'authorization',
  'cookie',
  'client_secret',
  'session_token',
  'action_token',
  'access_token',
  'user_id',
  'claimed_user_id',
  'cleared_user_id',
  'current_user_id',
];

/**
 * Paths that pino redacts: each field at the top of a line, one object down (`err.user_id`,
 * `payload.user_id`), in request headers and bodies, and in the response headers.
 */
export const REDACTED_PATHS = [
  ...REDACTED_FIELDS,
  ...REDACTED_FIELDS.map((field) => `*.${field}`),
  ...REDACTED_FIELDS.map((field) => `req.headers.${field}`),
  ...REDACTED_FIELDS.map((field) => `req.body.${field}`),
  ...REDACTED_FIELDS.map((field) => `res.headers.${field}`),
  'req.headers["set-cookie"]',
  'res.headers["set-cookie"]',
];

/** Returns the level of a request's completion line. */
export function requestLogLevel(url: string | undefined, status: number, error?: Error) {
  if (isQuietPath(url ?? '')) {
    return 'debug';
  }

  return error || status >= 500 ? 'error' : 'info';
}

/**
 * Structured JSON logging with pino. Each line names the service that wrote it and carries the
 * correlation id, tenant and session of the request, record or job it belongs to.
 */
@Module({})
export class ObservabilityModule {
  static forService(service: string): DynamicModule {
    return {
      module: ObservabilityModule,
      global: true,
      imports: [
        LoggerModule.forRootAsync({
          inject: [InfrastructureSettings],
          useFactory: (settings: InfrastructureSettings) => ({
            pinoHttp: {
              level: settings.LOG_LEVEL,
              base: { service },
              redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
              mixin: () => ({ ...currentLogContext() }),
              customLogLevel: (req: IncomingMessage, res: ServerResponse, error?: Error) =>
                requestLogLevel(req.url, res.statusCode, error),
            },
          }),
        }),
      ],
      providers: [ShutdownGate],
      exports: [ShutdownGate],
    };
  }
}

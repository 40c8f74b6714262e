import { DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { InfrastructureSettings } from '@vigil/config';

/**
 * Paths that never reach a log line: credentials, tokens and user identifiers, in HTTP requests
 * and in the fields objects the services log.
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.body.client_secret',
  'req.body.session_token',
  'req.body.action_token',
  'req.body.user_id',
  'client_secret',
  'session_token',
  'action_token',
  'access_token',
  'user_id',
  'claimed_user_id',
  '*.user_id',
  '*.session_token',
];

/** Structured JSON logging with pino; each line names the service that wrote it. */
@Module({})
export class ObservabilityModule {
  static forService(service: string): DynamicModule {
    return {
      module: ObservabilityModule,
      imports: [
        LoggerModule.forRootAsync({
          inject: [InfrastructureSettings],
          useFactory: (settings: InfrastructureSettings) => ({
            pinoHttp: {
              level: settings.LOG_LEVEL,
              base: { service },
              redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
              autoLogging: { ignore: (req) => (req.url ?? '').startsWith('/health') },
              customProps: (req) => ({
                correlation_id: req.headers['x-correlation-id'],
              }),
            },
          }),
        }),
      ],
    };
  }
}

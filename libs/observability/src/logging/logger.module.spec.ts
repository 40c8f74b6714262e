import pino from 'pino';
import { Writable } from 'node:stream';
import { REDACTED_PATHS, requestLogLevel } from './logger.module';

function captureLogger() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString('utf8')) as Record<string, unknown>);
      done();
    },
  });
  const logger = pino({ redact: { paths: REDACTED_PATHS, censor: '[redacted]' } }, stream);

  return { logger, lines };
}

describe('REDACTED_PATHS', () => {
  it('redacts tokens and user ids at the top of a line', () => {
    const { logger, lines } = captureLogger();
    const secrets = {
      user_id: 'alice',
      claimed_user_id: 'alice@example.com',
      session_token: 'st',
      action_token: 'at',
      access_token: 'bt',
      client_secret: 'cs',
      authorization: 'Bearer bt',
    };

    logger.info({ ...secrets, session_id: 's-1' }, 'line');

    for (const field of Object.keys(secrets)) {
      expect(lines[0][field]).toBe('[redacted]');
    }
    expect(lines[0].session_id).toBe('s-1');
  });

  it('redacts one object down and in request headers', () => {
    const { logger, lines } = captureLogger();

    logger.info(
      {
        payload: { user_id: 'bob', cleared_user_id: 'carol' },
        req: { headers: { authorization: 'Bearer x', cookie: 'k=v', host: 'h' } },
      },
      'line',
    );
    const payload = lines[0].payload as Record<string, unknown>;
    const headers = (lines[0].req as { headers: Record<string, unknown> }).headers;

    expect(payload.user_id).toBe('[redacted]');
    expect(payload.cleared_user_id).toBe('[redacted]');
    expect(headers.authorization).toBe('[redacted]');
    expect(headers.cookie).toBe('[redacted]');
    expect(headers.host).toBe('h');
  });
});

describe(requestLogLevel.name, () => {
  it('logs probes and scrapes at debug, even when they fail', () => {
    expect(requestLogLevel('/health/ready', 503)).toBe('debug');
    expect(requestLogLevel('/health/live', 200)).toBe('debug');
    expect(requestLogLevel('/metrics', 200)).toBe('debug');
  });

  it('logs server errors at error and the rest at info', () => {
    expect(requestLogLevel('/risk/v1/recommendation', 503)).toBe('error');
    expect(requestLogLevel('/risk/v1/recommendation', 404)).toBe('info');
    expect(requestLogLevel('/healthy-looking/path', 200)).toBe('info');
  });
});

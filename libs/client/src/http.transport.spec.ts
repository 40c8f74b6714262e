import { HttpTransport } from './http.transport';
import { RecordingServer } from './testing/recording-server';
import { parseRetryAfter, VigilApiError } from './vigil-api.error';

async function failureOf(promise: Promise<unknown>): Promise<VigilApiError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof VigilApiError)) {
    throw new Error(`expected a VigilApiError, got ${String(error)}`);
  }

  return error;
}

describe(HttpTransport.name, () => {
  let server: RecordingServer;

  beforeEach(async () => {
    server = await RecordingServer.start({
      'GET /health/live': () => ({ status: 200, body: { status: 'ok' } }),
      'POST /empty': () => ({ status: 202 }),
      'GET /html-error': () => ({ status: 502, body: '<html>Bad Gateway</html>' }),
      'GET /html-ok': () => ({ status: 200, body: '<html>ok</html>' }),
      'GET /pending': () => ({
        status: 404,
        body: { error: 'recommendation_pending', message: 'not scored yet' },
        headers: { 'retry-after': '2' },
      }),
      'GET /slow': () => ({ status: 200, body: {}, delayMs: 500 }),
    });
  });

  afterEach(async () => {
    await server.close();
  });

  it('joins base URL with trailing slash, path and query', async () => {
    const transport = new HttpTransport(`${server.baseUrl}/`);

    const response = await transport.send({
      method: 'GET',
      path: '/health/live',
      query: { action_token: 'a b&c' },
    });

    expect(response.body).toEqual({ status: 'ok' });
    expect(server.requests[0].path).toBe('/health/live');
    expect(server.requests[0].query.get('action_token')).toBe('a b&c');
  });

  it('returns an empty object for an empty 2xx body', async () => {
    const response = await new HttpTransport(server.baseUrl).send({
      method: 'POST',
      path: '/empty',
      body: {},
    });

    expect(response.status).toBe(202);
    expect(response.body).toEqual({});
  });

  it('maps an error without JSON body to http_<status>', async () => {
    const transport = new HttpTransport(server.baseUrl);

    const error = await failureOf(transport.send({ method: 'GET', path: '/html-error' }));

    expect(error.status).toBe(502);
    expect(error.code).toBe('http_502');
    expect(error.message).toContain('<html>Bad Gateway</html>');
  });

  it('rejects a 2xx body that is not JSON', async () => {
    const error = await failureOf(
      new HttpTransport(server.baseUrl).send({ method: 'GET', path: '/html-ok' }),
    );

    expect(error.status).toBe(200);
    expect(error.code).toBe('invalid_response');
  });

  it('keeps the Retry-After header of an error', async () => {
    const error = await failureOf(
      new HttpTransport(server.baseUrl).send({ method: 'GET', path: '/pending' }),
    );

    expect(error.code).toBe('recommendation_pending');
    expect(error.retryAfterMs).toBe(2000);
    expect(error.fields).toEqual([]);
  });

  it('maps a timeout to code timeout', async () => {
    const transport = new HttpTransport(server.baseUrl, 100);

    const error = await failureOf(transport.send({ method: 'GET', path: '/slow' }));

    expect(error.status).toBe(0);
    expect(error.code).toBe('timeout');
    expect(error.message).toContain('timed out after 100 ms');
  });

  it('maps a refused connection to network_error with cause', async () => {
    const baseUrl = server.baseUrl;
    await server.close();
    server = await RecordingServer.start({});

    const error = await failureOf(
      new HttpTransport(baseUrl).send({ method: 'GET', path: '/health/live' }),
    );

    expect(error.status).toBe(0);
    expect(error.code).toBe('network_error');
    expect(error.cause).toMatchObject({ name: 'TypeError' });
    expect(error.message).toContain('GET /health/live failed');
  });

  it('rejects a base URL that is not a URL', () => {
    expect(() => new HttpTransport('127.0.0.1:8080')).toThrow('is not a URL');
  });
});

describe(parseRetryAfter.name, () => {
  const nowMs = Date.parse('2020-02-03T12:00:00Z');

  it.each([
    ['1', 1000],
    ['0.25', 250],
    ['Mon, 03 Feb 2020 12:00:03 GMT', 3000],
    ['Mon, 03 Feb 2020 11:59:00 GMT', 0],
  ])('parses %j as %d ms', (header, expectedMs) => {
    expect(parseRetryAfter(header, nowMs)).toBe(expectedMs);
  });

  it.each([[null], [''], ['soon']])('returns undefined for %j', (header) => {
    expect(parseRetryAfter(header, nowMs)).toBeUndefined();
  });
});

import {
  createServer,
  IncomingHttpHeaders,
  IncomingMessage,
  Server,
  ServerResponse,
} from 'node:http';
import { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/** A request as the stub gateway received it. */
export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: unknown;
}

export interface CannedResponse {
  status: number;
  /** Sent as JSON, unless it is a string, which is sent as is. */
  body?: unknown;
  headers?: Record<string, string>;
  /** Delay before the response is sent, to test timeouts. */
  delayMs?: number;
}

/** Builds the response to one request. The route table keys routes by `METHOD /path`. */
export type CannedRoute = (request: RecordedRequest, callIndex: number) => CannedResponse;

/**
 * A loopback HTTP server on a free port that records every request and responds from a route table,
 * so the clients are tested over real HTTP without a gateway.
 */
export class RecordingServer {
  readonly requests: RecordedRequest[] = [];
  private readonly callCounts = new Map<string, number>();

  private constructor(
    private readonly server: Server,
    private readonly routes: Record<string, CannedRoute>,
  ) {}

  static async start(routes: Record<string, CannedRoute>): Promise<RecordingServer> {
    const server = createServer();
    const recording = new RecordingServer(server, routes);
    server.on('request', (request, response) => void recording.handle(request, response));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

    return recording;
  }

  get baseUrl(): string {
    const { port } = this.server.address() as AddressInfo;

    return `http://127.0.0.1:${port}`;
  }

  /** Returns the recorded requests to `route`, written as `METHOD /path`. */
  requestsTo(route: string): RecordedRequest[] {
    return this.requests.filter((request) => `${request.method} ${request.path}` === route);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve, reject) =>
      this.server.close((error) => (error ? reject(error) : resolve())),
    );
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const recorded = await record(request);
    this.requests.push(recorded);
    const key = `${recorded.method} ${recorded.path}`;
    const callIndex = this.callCounts.get(key) ?? 0;
    this.callCounts.set(key, callIndex + 1);
    const route = this.routes[key];
    const canned = route
      ? route(recorded, callIndex)
      : { status: 404, body: { error: 'not_found', message: `no canned route for ${key}` } };
    if (canned.delayMs) {
      await sleep(canned.delayMs);
    }
    const text = serialize(canned.body);
    response.writeHead(canned.status, { 'content-type': 'application/json', ...canned.headers });
    response.end(text);
  }
}

async function record(request: IncomingMessage): Promise<RecordedRequest> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) {
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');

  return {
    method: request.method ?? 'GET',
    path: url.pathname,
    query: url.searchParams,
    headers: request.headers,
    body: text === '' ? undefined : (JSON.parse(text) as unknown),
  };
}

function serialize(body: unknown): string {
  if (body === undefined) {
    return '';
  }

  return typeof body === 'string' ? body : JSON.stringify(body);
}

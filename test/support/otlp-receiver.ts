import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import path from 'node:path';

/** One received span, as the tests read it back. */
export interface ReceivedSpan {
  service: string;
  name: string;
  trace_id: string;
  span_id: string;
  parent_span_id?: string;
}

export interface OtlpReceiver {
  /** Base URL to pass as OTEL_EXPORTER_OTLP_ENDPOINT. */
  url: string;
  close(): Promise<void>;
}

/**
 * Starts an OTLP/HTTP receiver on loopback that accepts JSON trace exports (POST /v1/traces) and
 * appends each span as one line to `file`, which it empties first.
 */
export async function startOtlpReceiver(file: string): Promise<OtlpReceiver> {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, '');
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const accepted = request.url === '/v1/traces' && appendSpans(file, chunks);
      response.writeHead(accepted ? 200 : 400, { 'content-type': 'application/json' });
      response.end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return { url: `http://127.0.0.1:${port}`, close: () => closeServer(server) };
}

/** Reads the spans received so far. */
export function readSpans(file: string): ReceivedSpan[] {
  if (!existsSync(file)) {
    return [];
  }

  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line) as ReceivedSpan);
}

interface OtlpExport {
  resourceSpans?: {
    resource?: { attributes?: { key: string; value: { stringValue?: string } }[] };
    scopeSpans?: {
      spans?: { name: string; traceId: string; spanId: string; parentSpanId?: string }[];
    }[];
  }[];
}

/** Appends the spans of one export, and returns false when the body is not OTLP JSON. */
function appendSpans(file: string, chunks: Buffer[]): boolean {
  let body: OtlpExport;
  try {
    body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as OtlpExport;
  } catch {
    return false;
  }
  const lines: string[] = [];
  for (const resourceSpans of body.resourceSpans ?? []) {
    const service = resourceSpans.resource?.attributes?.find((a) => a.key === 'service.name');
    for (const scope of resourceSpans.scopeSpans ?? []) {
      for (const span of scope.spans ?? []) {
        const received: ReceivedSpan = {
          service: service?.value.stringValue ?? 'unknown',
          name: span.name,
          trace_id: span.traceId,
          span_id: span.spanId,
          parent_span_id: span.parentSpanId || undefined,
        };
        lines.push(JSON.stringify(received));
      }
    }
  }
  appendFileSync(file, lines.map((line) => `${line}\n`).join(''));

  return true;
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();

  return new Promise((resolve) => server.close(() => resolve()));
}

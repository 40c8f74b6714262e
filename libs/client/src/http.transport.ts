import { parseRetryAfter, VigilApiError } from './vigil-api.error';
import { ApiErrorBodyWire } from './wire.types';

const DEFAULT_TIMEOUT_MS = 10_000;
const ERROR_BODY_EXCERPT_LENGTH = 200;

export interface ApiRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  query?: Record<string, string>;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface ApiResponse<T> {
  status: number;
  body: T;
  headers: Headers;
}

/** Sends JSON requests to the gateway with the global `fetch` and maps failures to VigilApiError. */
export class HttpTransport {
  private readonly baseUrl: string;
  private readonly timeoutMs: number;

  constructor(baseUrl: string, timeoutMs: number = DEFAULT_TIMEOUT_MS) {
    this.baseUrl = normalizeBaseUrl(baseUrl);
    this.timeoutMs = timeoutMs;
  }

  /** Sends `request` and returns the parsed body of a 2xx response, or throws VigilApiError. */
  async send<T>(request: ApiRequest): Promise<ApiResponse<T>> {
    const label = `${request.method} ${request.path}`;
    let response: Response;
    let text: string;
    try {
      response = await fetch(this.urlOf(request), {
        method: request.method,
        headers: headersOf(request),
        body: request.body === undefined ? undefined : JSON.stringify(request.body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      text = await response.text();
    } catch (error) {
      throw noResponseError(label, error, this.timeoutMs);
    }
    if (!response.ok) {
      throw errorFromResponse(label, response, text);
    }

    return {
      status: response.status,
      body: parseBody<T>(label, response.status, text),
      headers: response.headers,
    };
  }

  private urlOf(request: ApiRequest): string {
    const query = request.query ? `?${new URLSearchParams(request.query).toString()}` : '';

    return `${this.baseUrl}${request.path}${query}`;
  }
}

function normalizeBaseUrl(baseUrl: string): string {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new Error(
      `baseUrl ${JSON.stringify(baseUrl)} is not a URL. Pass a URL such as http://127.0.0.1:8080`,
    );
  }

  return url.toString().replace(/\/+$/, '');
}

function headersOf(request: ApiRequest): Record<string, string> {
  const headers: Record<string, string> = { accept: 'application/json', ...request.headers };
  if (request.body !== undefined) {
    headers['content-type'] = 'application/json';
  }

  return headers;
}

function parseBody<T>(label: string, status: number, text: string): T {
  if (text.trim() === '') {
    return {} as T;
  }
  const body = tryParseJson(text);
  if (body === undefined) {
    throw new VigilApiError({
      status,
      code: 'invalid_response',
      message: `${label} returned HTTP ${status} with a body that is not JSON: ${excerpt(text)}`,
      request: label,
    });
  }

  return body as T;
}

function errorFromResponse(label: string, response: Response, text: string): VigilApiError {
  const body = tryParseJson(text);
  const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
  if (!isErrorBody(body)) {
    return new VigilApiError({
      status: response.status,
      code: `http_${response.status}`,
      message: `${label} returned HTTP ${response.status} without an error body: ${excerpt(text)}`,
      request: label,
      retryAfterMs,
    });
  }

  return new VigilApiError({
    status: response.status,
    code: body.error,
    message: body.message,
    request: label,
    fields: body.fields,
    retryAfterMs,
  });
}

function noResponseError(label: string, error: unknown, timeoutMs: number): VigilApiError {
  const timedOut = nameOf(error) === 'TimeoutError';
  const detail = timedOut ? `timed out after ${timeoutMs} ms` : `failed: ${describe(error)}`;

  return new VigilApiError({
    status: 0,
    code: timedOut ? 'timeout' : 'network_error',
    message: `${label} ${detail}. Check that the gateway is running and reachable.`,
    request: label,
    cause: error,
  });
}

function isErrorBody(body: unknown): body is ApiErrorBodyWire {
  const candidate = body as Partial<ApiErrorBodyWire> | undefined;

  return typeof candidate?.error === 'string' && typeof candidate.message === 'string';
}

function tryParseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function excerpt(text: string): string {
  const trimmed = text.trim();
  if (trimmed === '') {
    return '(empty)';
  }

  return JSON.stringify(trimmed.slice(0, ERROR_BODY_EXCERPT_LENGTH));
}

// fetch rejects with errors of other realms (undici's TypeError, DOMException), which fail an
// `instanceof Error` check under test runners, so these helpers read the fields directly.
function nameOf(error: unknown): unknown {
  return (error as { name?: unknown } | null)?.name;
}

function describe(error: unknown): string {
  const { message, cause } = (error ?? {}) as { message?: unknown; cause?: { message?: unknown } };
  if (typeof message !== 'string') {
    return String(error);
  }

  return typeof cause?.message === 'string' ? `${message} (${cause.message})` : message;
}

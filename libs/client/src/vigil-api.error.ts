/** One invalid field of a rejected request. */
export interface ApiFieldError {
  field: string;
  message: string;
}

export interface VigilApiErrorFields {
  status: number;
  code: string;
  message: string;
  /** Method and path of the failed request, for example `POST /risk-collect/v1/actions`. */
  request: string;
  fields?: ApiFieldError[];
  retryAfterMs?: number;
  cause?: unknown;
}

/**
 * A failed API call. For an HTTP error response, `status`, `code` and `message` are the response
 * status and the body's `error` and `message`. A call that got no response has status 0 and code
 * `network_error` or `timeout`, with the underlying error as `cause`.
 */
export class VigilApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly request: string;
  readonly fields: ApiFieldError[];
  /** The Retry-After header in milliseconds, when the response had one. */
  readonly retryAfterMs?: number;

  constructor(fields: VigilApiErrorFields) {
    super(fields.message, fields.cause === undefined ? undefined : { cause: fields.cause });
    this.name = 'VigilApiError';
    this.status = fields.status;
    this.code = fields.code;
    this.request = fields.request;
    this.fields = fields.fields ?? [];
    this.retryAfterMs = fields.retryAfterMs;
  }
}

/** Returns whether `error` is a 404 recommendation_pending: the action token is valid but not scored yet. */
export function isRecommendationPending(error: unknown): error is VigilApiError {
  return error instanceof VigilApiError && error.code === 'recommendation_pending';
}

/**
 * Parses a Retry-After header, given either as seconds or as an HTTP date, into milliseconds.
 * Returns undefined when the header is missing or unreadable.
 */
export function parseRetryAfter(
  header: string | null,
  nowMs: number = Date.now(),
): number | undefined {
  if (header === null || header.trim() === '') {
    return undefined;
  }
  const seconds = Number(header);
  if (Number.isFinite(seconds)) {
    return Math.max(0, Math.round(seconds * 1000));
  }
  const dateMs = Date.parse(header);

  return Number.isNaN(dateMs) ? undefined : Math.max(0, dateMs - nowMs);
}

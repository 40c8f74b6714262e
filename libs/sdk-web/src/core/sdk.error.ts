/**
 * Error codes of the SDK: the gateway's error codes (`invalid_request`, `invalid_token`,
 * `token_expired`, `token_revoked`, `invalid_client`, `publish_failed`, ...) plus the SDK's own.
 */
export type VigilErrorCode =
  | 'not_initialized'
  | 'invalid_argument'
  | 'network_error'
  | 'invalid_response'
  | 'session_tokens_disabled'
  | (string & {});

/** Error of a rejected SDK promise: a sentence for people and a code for programs. */
export class VigilSdkError extends Error {
  override readonly name = 'VigilSdkError';

  constructor(
    message: string,
    readonly code: VigilErrorCode,
    /** HTTP status of the gateway's response, or 0 when no response arrived. */
    readonly status = 0,
    /** True when the same call may succeed later: no response, 429 or 5xx. */
    readonly retriable = false,
  ) {
    super(message);
  }
}

/** Returns whether a gateway error reports that the session ended, so the token must be refreshed. */
export function isSessionEnded(error: unknown): boolean {
  return (
    error instanceof VigilSdkError &&
    (error.code === 'token_expired' || error.code === 'token_revoked')
  );
}

/** Returns whether the gateway rejected the session token as one it did not issue. */
export function isTokenRejected(error: unknown): boolean {
  return error instanceof VigilSdkError && error.code === 'invalid_token';
}

/** Wraps anything thrown into a VigilSdkError, keeping one that already is. */
export function toSdkError(error: unknown, code: VigilErrorCode = 'internal_error'): VigilSdkError {
  if (error instanceof VigilSdkError) {
    return error;
  }
  const message = error instanceof Error ? error.message : String(error);

  return new VigilSdkError(`Vigil SDK failed: ${message}`, code);
}

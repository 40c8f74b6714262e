/**
 * Base of every error the project raises on purpose. A `retriable` error is tried again with
 * backoff by consumers and jobs. A permanent one goes to a dead-letter topic or fails its job for
 * good. `code` is machine-readable and stable, and HTTP error responses carry it.
 */
export class VigilError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly retriable: boolean,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** One field of a request or event that failed validation. */
export interface FieldViolation {
  field: string;
  message: string;
}

/** An event or request that does not match its contract. Never retriable. */
export class ContractViolationError extends VigilError {
  constructor(
    message: string,
    readonly violations: FieldViolation[],
  ) {
    super(message, 'invalid_request', false, { violations });
  }
}

/** Returns whether `error` should be tried again; unknown errors count as retriable. */
export function isRetriable(error: unknown): boolean {
  if (error instanceof VigilError) {
    return error.retriable;
  }

  return true;
}

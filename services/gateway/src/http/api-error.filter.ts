import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { FastifyReply } from 'fastify';
import { ContractViolationError, FieldViolation, VigilError } from '@vigil/contracts';

/** The body of every error response. */
export interface ApiErrorBody {
  error: string;
  message: string;
  fields?: FieldViolation[];
}

const STATUS_BY_CODE: Record<string, number> = {
  invalid_request: 400,
  invalid_token: 401,
  token_expired: 401,
  token_revoked: 401,
  unauthorized: 401,
  invalid_client: 401,
  unsupported_grant_type: 400,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  recommendation_pending: 404,
  publish_failed: 503,
  session_registry_unavailable: 503,
};

/** Fastify's own errors, raised before a handler runs, keyed by their `code`. */
const FASTIFY_ERRORS: Record<string, { status: number; body: ApiErrorBody }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: {
    status: 400,
    body: { error: 'invalid_request', message: 'request body is not valid JSON' },
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    status: 400,
    body: { error: 'invalid_request', message: 'request body is empty; send a JSON object' },
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    status: 415,
    body: { error: 'invalid_request', message: 'send the body as application/json' },
  },
  FST_ERR_CTP_BODY_TOO_LARGE: {
    status: 413,
    body: { error: 'invalid_request', message: 'request body is too large' },
  },
};

/** Maps every error to `{ error, message, fields? }` with a status that matches its code. */
@Catch()
export class ApiErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger(ApiErrorFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const { status, body, headers } = this.describe(exception);
    if (status >= 500) {
      this.logger.error({ err: exception }, 'request failed');
    }
    void reply
      .status(status)
      .headers(headers ?? {})
      .send(body);
  }

  private describe(exception: unknown): {
    status: number;
    body: ApiErrorBody;
    headers?: Record<string, string>;
  } {
    if (exception instanceof ContractViolationError) {
      const body = {
        error: exception.code,
        message: exception.message,
        fields: exception.violations,
      };

      return { status: 400, body };
    }
    if (exception instanceof VigilError) {
      const headers =
        exception.code === 'recommendation_pending' ? { 'retry-after': '1' } : undefined;

      return {
        status: STATUS_BY_CODE[exception.code] ?? 500,
        body: { error: exception.code, message: exception.message },
        headers,
      };
    }
    const fastifyError = FASTIFY_ERRORS[(exception as { code?: string })?.code ?? ''];
    if (fastifyError) {
      return fastifyError;
    }
    if (exception instanceof HttpException) {
      return { status: exception.getStatus(), body: describeHttpException(exception) };
    }

    return { status: 500, body: { error: 'internal_error', message: 'internal error' } };
  }
}

function describeHttpException(exception: HttpException): ApiErrorBody {
  const response = exception.getResponse();
  if (typeof response === 'object' && response !== null && 'error' in response) {
    const { error, message } = response as { error: unknown; message: unknown };
    if (typeof error === 'string' && /^[a-z_]+$/.test(error)) {
      return { error, message: String(message) };
    }
  }
  const status = exception.getStatus();
  if (status === 404) {
    return { error: 'not_found', message: exception.message };
  }
  const code = status < 500 ? 'invalid_request' : 'internal_error';

  return { error: code, message: exception.message };
}

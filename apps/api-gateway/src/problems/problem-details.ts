import { HttpException } from '@nestjs/common';
import type { FieldProblem } from '@polyshop/contracts';
import { problemDetails, type ProblemDetails } from '@polyshop/service-runtime';
import { describeCode, GatewayError, type GatewayErrorCode } from './gateway.errors';

/** A problem to answer with, and the response headers that go with it. */
export interface ProblemAnswer {
  readonly problem: ProblemDetails;
  readonly headers: Readonly<Record<string, string>>;
}

/** Where the problem happened: the request path and the correlation id of the request. */
export interface ProblemOrigin {
  readonly instance?: string;
  readonly correlationId?: string;
}

const FASTIFY_CODES: Readonly<Record<string, GatewayErrorCode>> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'REQUEST.TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'REQUEST.UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'REQUEST.REJECTED',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'VALIDATION.FAILED',
  FST_ERR_CTP_INVALID_JSON_BODY: 'VALIDATION.FAILED',
};

const STATUS_CODES: Readonly<Record<number, GatewayErrorCode>> = {
  400: 'VALIDATION.FAILED',
  401: 'AUTH.UNAUTHENTICATED',
  403: 'AUTH.FORBIDDEN',
  404: 'ROUTE.NOT_FOUND',
  413: 'REQUEST.TOO_LARGE',
  415: 'REQUEST.UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMIT.EXCEEDED',
  503: 'SERVICE.UNAVAILABLE',
};

const codeForStatus = (status: number): GatewayErrorCode =>
  STATUS_CODES[status] ?? (status >= 500 ? 'INTERNAL.ERROR' : 'REQUEST.REJECTED');

/** An error raised by Fastify itself (body parsing, limits): a `FST_*` code and a 4xx status. */
interface FastifyClientError {
  readonly code: string;
  readonly statusCode: number;
  readonly message: string;
}

function isFastifyClientError(error: unknown): error is FastifyClientError {
  if (!(error instanceof Error)) return false;
  const { code, statusCode } = error as Error & { code?: unknown; statusCode?: unknown };
  return (
    typeof code === 'string' &&
    code.startsWith('FST_') &&
    typeof statusCode === 'number' &&
    statusCode >= 400 &&
    statusCode < 500
  );
}

/** The readiness report of `@nestjs/terminus` that a 503 of `/health/ready` carries. */
function healthReportOf(exception: HttpException): Record<string, unknown> {
  const body = exception.getResponse();
  if (typeof body !== 'object' || body === null) return {};
  const { info, error, details } = body as Record<string, unknown>;
  return details === undefined ? {} : { info, error, details };
}

function messageOf(exception: HttpException): string {
  const body = exception.getResponse();
  if (typeof body === 'string') return body;
  const { message } = body as { message?: unknown };
  if (typeof message === 'string') return message;
  if (Array.isArray(message)) return message.join('; ');
  return exception.message;
}

function build(
  code: string,
  detail: string,
  origin: ProblemOrigin,
  options: { status?: number; errors?: readonly FieldProblem[] } = {},
  extensions: Record<string, unknown> = {},
): ProblemDetails {
  const known = describeCode(code);
  return problemDetails(
    {
      code,
      title: known?.title ?? 'The request failed',
      status: known?.status ?? options.status ?? 500,
      detail,
      instance: origin.instance,
      correlationId: origin.correlationId,
      errors: options.errors,
    },
    extensions,
  );
}

function answerFor(exception: unknown, origin: ProblemOrigin): ProblemAnswer {
  if (exception instanceof GatewayError) {
    const { fields, status, extensions, headers = {} } = exception.options;
    const problem = build(
      exception.code,
      exception.detail,
      origin,
      { status, errors: fields },
      extensions,
    );
    return { problem, headers };
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const problem = build(
      codeForStatus(status),
      messageOf(exception),
      origin,
      { status },
      status === 503 ? healthReportOf(exception) : {},
    );
    return { problem, headers: {} };
  }
  if (isFastifyClientError(exception)) {
    const code = FASTIFY_CODES[exception.code] ?? codeForStatus(exception.statusCode);
    const problem = build(code, exception.message, origin, { status: exception.statusCode });
    return { problem, headers: {} };
  }
  return {
    problem: build('INTERNAL.ERROR', 'The gateway failed to answer this request', origin),
    headers: {},
  };
}

/**
 * Maps anything thrown while serving a request to RFC 9457 problem details: a `GatewayError`
 * by its code (statuses and titles from the `ERRORS` table of `@polyshop/contracts`), Nest's
 * and Fastify's own errors (unknown route, body too large, bad JSON, rate limit) by status,
 * anything else to a 500 that reveals nothing. A 401 also gets its `WWW-Authenticate`.
 */
export function problemFor(exception: unknown, origin: ProblemOrigin = {}): ProblemAnswer {
  const answer = answerFor(exception, origin);
  if (answer.problem.status !== 401) return answer;
  return {
    problem: answer.problem,
    headers: { 'WWW-Authenticate': 'Bearer realm="polyshop"', ...answer.headers },
  };
}

import { ERRORS, type FieldProblem } from '@polyshop/contracts';

/** Media type of every error answer over HTTP (RFC 9457). */
export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

/** Where the `type` URIs of the problems point: one per code. */
export const PROBLEM_TYPE_BASE = 'https://polyshop.dev/problems/';

/** An RFC 9457 problem, with the platform's `code` and optional extension members. */
export interface ProblemDetails {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  /** `<AREA>.<REASON>`, stable: what clients branch on. */
  readonly code: string;
  readonly instance?: string;
  readonly correlationId?: string;
  /** The failing fields of a `VALIDATION.FAILED`. */
  readonly errors?: readonly FieldProblem[];
  readonly [extension: string]: unknown;
}

/** What a problem is about; `title` and `status` come from the code's table entry. */
export interface ProblemParts {
  readonly code: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  /** The request path, without its query. */
  readonly instance?: string;
  readonly correlationId?: string;
  readonly errors?: readonly FieldProblem[];
}

/**
 * The one way every app writes a problem: the standard members and `code` always, `instance`,
 * `correlationId` and `errors` when there are some. Extension members never replace them.
 */
export function problemDetails(
  { code, title, status, detail, instance, correlationId, errors }: ProblemParts,
  extensions: Record<string, unknown> = {},
): ProblemDetails {
  return {
    ...extensions,
    type: `${PROBLEM_TYPE_BASE}${code}`,
    title,
    status,
    detail,
    code,
    ...(instance === undefined ? {} : { instance }),
    ...(correlationId === undefined ? {} : { correlationId }),
    ...(errors && errors.length > 0 ? { errors } : {}),
  };
}

/**
 * Codes the HTTP server of any app raises about the request itself, before a controller sees
 * it (no service ever replies them), in the same shape as the `ERRORS` table of
 * `@polyshop/contracts`.
 */
export const HTTP_SERVER_ERRORS = {
  'REQUEST.REJECTED': { status: 400, title: 'The request was rejected' },
  'REQUEST.TIMEOUT': { status: 408, title: 'The request did not arrive in time' },
  'REQUEST.TOO_LARGE': { status: 413, title: 'The request body is too large' },
  'REQUEST.HEADERS_TOO_LARGE': { status: 431, title: 'The request headers are too large' },
} as const satisfies Record<string, { status: number; title: string }>;

export type HttpServerErrorCode = keyof typeof HTTP_SERVER_ERRORS;

const SERVER_KNOWN = { ...ERRORS, ...HTTP_SERVER_ERRORS };

/** A problem of a code known to the server (its table's status and title). */
export function serverProblem(
  code: keyof typeof SERVER_KNOWN,
  detail: string,
  instance?: string,
): ProblemDetails {
  return problemDetails({ code, ...SERVER_KNOWN[code], detail, instance });
}

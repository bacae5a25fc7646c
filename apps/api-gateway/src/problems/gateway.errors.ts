import { ERRORS, isErrorCode, type ErrorCode, type FieldProblem } from '@polyshop/contracts';
import { HTTP_SERVER_ERRORS } from '@polyshop/service-runtime';

/**
 * Codes only the HTTP edge produces (no service ever replies them), in the same shape as the
 * platform's `ERRORS` table of `@polyshop/contracts`: those of every app's HTTP server
 * (`REQUEST.REJECTED`, `REQUEST.TOO_LARGE`, ...) and the gateway's own.
 */
export const EDGE_ERRORS = {
  ...HTTP_SERVER_ERRORS,
  'ROUTE.NOT_FOUND': { status: 404, title: 'No such route' },
  'REQUEST.UNSUPPORTED_MEDIA_TYPE': { status: 415, title: 'The body must be JSON' },
} as const satisfies Record<string, { status: number; title: string }>;

export type EdgeErrorCode = keyof typeof EDGE_ERRORS;

/** Every code the gateway itself may raise. */
export type GatewayErrorCode = ErrorCode | EdgeErrorCode;

const isEdgeErrorCode = (code: string): code is EdgeErrorCode =>
  Object.prototype.hasOwnProperty.call(EDGE_ERRORS, code);

/** Status and title of a code, or `undefined` for a code this build does not know. */
export function describeCode(code: string): { status: number; title: string } | undefined {
  if (isErrorCode(code)) return ERRORS[code];
  if (isEdgeErrorCode(code)) return EDGE_ERRORS[code];
  return undefined;
}

export interface GatewayErrorOptions {
  /** For `VALIDATION.FAILED`: every failing field. */
  fields?: readonly FieldProblem[];
  /** Status for a code this build does not know (a newer service's); ignored for known codes. */
  status?: number;
  /** Extra members of the problem details, e.g. the readiness of each service. */
  extensions?: Record<string, unknown>;
  /** Response headers, e.g. `Retry-After`. */
  headers?: Record<string, string>;
}

/**
 * The one error type of the gateway: a platform code (`ORDER.NOT_FOUND`) and a human detail.
 * Everything below the controllers throws this (never an `HttpException`); the problem-details
 * filter turns it into the HTTP answer.
 */
export class GatewayError extends Error {
  constructor(
    readonly code: GatewayErrorCode | (string & {}),
    readonly detail: string,
    readonly options: GatewayErrorOptions = {},
  ) {
    super(`${code}: ${detail}`);
    this.name = 'GatewayError';
  }
}

import type { FieldProblem } from './validation/validate-plain';

/**
 * Error codes of the platform (`<AREA>.<REASON>`), each with the HTTP status and problem title
 * the gateway answers with. Services reply with the code; the mapping lives here, once.
 */
export const ERRORS = {
  'VALIDATION.FAILED': { status: 400, title: 'The request is invalid' },
  'PAYMENT.INVALID_TOKEN': { status: 400, title: 'The payment token is not accepted' },
  'AUTH.UNAUTHENTICATED': { status: 401, title: 'Authentication is required' },
  'AUTH.INVALID_CREDENTIALS': { status: 401, title: 'Email or password is wrong' },
  'AUTH.FORBIDDEN': { status: 403, title: 'The caller may not do this' },
  'USER.NOT_FOUND': { status: 404, title: 'User not found' },
  'USER.EMAIL_TAKEN': { status: 409, title: 'The email is already registered' },
  'PRODUCT.NOT_FOUND': { status: 404, title: 'Product not found' },
  'PRODUCT.SKU_TAKEN': { status: 409, title: 'The SKU is already used' },
  'INVENTORY.UNKNOWN_PRODUCT': { status: 404, title: 'Inventory does not know this product' },
  'ORDER.NOT_FOUND': { status: 404, title: 'Order not found' },
  'ORDER.ALREADY_TERMINAL': { status: 409, title: 'The order is already final' },
  'ORDER.UNKNOWN_PRODUCT': { status: 422, title: 'The order names a product not for sale' },
  'ORDER.IDEMPOTENCY_KEY_REUSED': {
    status: 422,
    title: 'The idempotency key was used for a different order',
  },
  'DLQ.NOT_FOUND': { status: 404, title: 'Dead letter not found' },
  'RATE_LIMIT.EXCEEDED': { status: 429, title: 'Too many requests' },
  'SERVICE.UNAVAILABLE': { status: 503, title: 'A service this request needs is unavailable' },
  'INTERNAL.ERROR': { status: 500, title: 'Internal error' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ErrorCode = keyof typeof ERRORS;

/** Every known error code. */
export const ERROR_CODES = Object.keys(ERRORS) as ErrorCode[];

/** Shape of an error code: `<AREA>.<REASON>`, upper case with underscores. */
export const ERROR_CODE_PATTERN = /^[A-Z]+(?:_[A-Z]+)*\.[A-Z]+(?:_[A-Z]+)*$/;

/**
 * The error reply of an RPC call, serialisable as JSON. `code` is usually an `ErrorCode`; a
 * newer service may send one this build does not know, so the type keeps it a string.
 */
export interface RpcErrorReply {
  readonly code: string;
  readonly message: string;
  /** HTTP status the gateway should answer with. */
  readonly status?: number;
  /** For `VALIDATION.FAILED`: every failing field. */
  readonly fields?: readonly FieldProblem[];
}

/** True when `code` is one of the platform's known codes. */
export function isErrorCode(code: string): code is ErrorCode {
  return Object.prototype.hasOwnProperty.call(ERRORS, code);
}

/** Builds the error reply for `code`, with its status from `ERRORS`. */
export function rpcError(
  code: ErrorCode,
  message: string,
  fields?: readonly FieldProblem[],
): RpcErrorReply {
  return { code, message, status: ERRORS[code].status, ...(fields ? { fields } : {}) };
}

const isStringArray = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((item) => typeof item === 'string');

function isFieldProblem(value: unknown): value is FieldProblem {
  if (typeof value !== 'object' || value === null) return false;
  const { field, problems } = value as Record<string, unknown>;
  return typeof field === 'string' && isStringArray(problems);
}

/** True when an RPC reply is an error reply (a well-formed code and a message). */
export function isRpcError(value: unknown): value is RpcErrorReply {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const { code, message, status, fields } = value as Record<string, unknown>;
  return (
    typeof code === 'string' &&
    ERROR_CODE_PATTERN.test(code) &&
    typeof message === 'string' &&
    (status === undefined ||
      (typeof status === 'number' && Number.isInteger(status) && status >= 400 && status <= 599)) &&
    (fields === undefined || (Array.isArray(fields) && fields.every(isFieldProblem)))
  );
}

import type { ErrorCode } from '@polyshop/contracts';

/** An expected business outcome that ends a call with its error code (mapped in `answerRpc`). */
export abstract class DomainError extends Error {
  abstract readonly code: ErrorCode;
}

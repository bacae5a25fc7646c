import type { ErrorCode, FieldProblem } from '@polyshop/contracts';

/**
 * A business rule said no. Carries the platform error code; the RPC layer turns it into an
 * `RpcErrorReply` in one place (`toRpcErrorReply`), so nothing below a controller knows about
 * replies.
 */
export abstract class OrderDomainError extends Error {
  abstract readonly code: ErrorCode;
  /** Failing fields, for `VALIDATION.FAILED`. */
  readonly fields?: readonly FieldProblem[];
}

/** The order does not exist, or the caller may not see it (never tell the two apart). */
export class OrderNotFoundError extends OrderDomainError {
  readonly code = 'ORDER.NOT_FOUND';

  constructor(orderId: string) {
    super(`order ${orderId} not found`);
  }
}

export class OrderAlreadyTerminalError extends OrderDomainError {
  readonly code = 'ORDER.ALREADY_TERMINAL';

  constructor(orderId: string, status: string) {
    super(`order ${orderId} is already ${status}`);
  }
}

/** A line names a product the price replica does not know. */
export class UnknownProductError extends OrderDomainError {
  readonly code = 'ORDER.UNKNOWN_PRODUCT';

  constructor(readonly productIds: readonly string[]) {
    super(`unknown product(s): ${productIds.join(', ')}`);
  }
}

export class IdempotencyKeyReusedError extends OrderDomainError {
  readonly code = 'ORDER.IDEMPOTENCY_KEY_REUSED';

  constructor() {
    super('this Idempotency-Key was already used for a different order');
  }
}

/** The request is well-formed but cannot make one order (mixed currencies, total too large). */
export class InvalidOrderError extends OrderDomainError {
  readonly code = 'VALIDATION.FAILED';
  override readonly fields: readonly FieldProblem[];

  constructor(field: string, problem: string) {
    super(`${field}: ${problem}`);
    this.fields = [{ field, problems: [problem] }];
  }
}

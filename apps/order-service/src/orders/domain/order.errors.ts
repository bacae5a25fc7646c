import { DomainError } from '@polyshop/service-runtime';

// A business rule said no: each error carries its platform code, and `answerRpc` turns it into
// the reply in one place, so nothing below the controller knows about replies.

/** The order does not exist, or the caller may not see it (never tell the two apart). */
export class OrderNotFoundError extends DomainError {
  readonly code = 'ORDER.NOT_FOUND';

  constructor(orderId: string) {
    super(`order ${orderId} not found`);
  }
}

export class OrderAlreadyTerminalError extends DomainError {
  readonly code = 'ORDER.ALREADY_TERMINAL';

  constructor(orderId: string, status: string) {
    super(`order ${orderId} is already ${status}`);
  }
}

/** A line names a product the price replica does not know. */
export class UnknownProductError extends DomainError {
  readonly code = 'ORDER.UNKNOWN_PRODUCT';

  constructor(readonly productIds: readonly string[]) {
    super(`unknown product(s): ${productIds.join(', ')}`);
  }
}

export class IdempotencyKeyReusedError extends DomainError {
  readonly code = 'ORDER.IDEMPOTENCY_KEY_REUSED';

  constructor() {
    super('this Idempotency-Key was already used for a different order');
  }
}

/** The request is well-formed but cannot make one order (mixed currencies, total too large). */
export class InvalidOrderError extends DomainError {
  readonly code = 'VALIDATION.FAILED';

  constructor(field: string, problem: string) {
    super(`${field}: ${problem}`, [{ field, problems: [problem] }]);
  }
}

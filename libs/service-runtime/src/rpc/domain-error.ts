import type { ErrorCode, FieldProblem } from '@polyshop/contracts';

/**
 * An expected business outcome that ends a call (unknown id, taken email, order already final):
 * it carries the platform error code the caller gets, and `answerRpc` is the one place that
 * turns it into the reply. Subclasses name the code: `readonly code = 'ORDER.NOT_FOUND'`.
 */
export abstract class DomainError extends Error {
  abstract readonly code: ErrorCode;

  /**
   * @param message what the caller is told (it reaches the public API as the problem detail)
   * @param fields for `VALIDATION.FAILED`: every failing field
   */
  constructor(
    message: string,
    readonly fields?: readonly FieldProblem[],
  ) {
    super(message);
    this.name = new.target.name;
  }
}

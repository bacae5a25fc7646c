import { ERRORS, type ErrorCode, type FieldProblem } from '@polyshop/contracts';

/** A failure the monolith answers as problem details, with one of the platform's codes. */
export class MonolithError extends Error {
  constructor(
    readonly code: ErrorCode,
    detail: string,
    readonly fields: readonly FieldProblem[] = [],
  ) {
    super(detail);
  }

  get status(): number {
    return ERRORS[this.code].status;
  }
}

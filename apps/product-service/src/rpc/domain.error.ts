import type { ErrorCode } from '@polyshop/contracts';

/**
 * A failure the caller can act on (unknown id, taken SKU...). Its code is what the RPC reply
 * carries; `answerRpc` is the one place that turns it into that reply.
 */
export abstract class DomainError extends Error {
  abstract readonly code: ErrorCode;

  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

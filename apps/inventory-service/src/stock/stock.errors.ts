import { DomainError } from '@polyshop/service-runtime';

/** The product never reached inventory (no `product.created.v1` seen). */
export class UnknownProductError extends DomainError {
  readonly code = 'INVENTORY.UNKNOWN_PRODUCT';

  constructor(readonly productId: string) {
    super(`inventory does not know product ${productId}`);
  }
}

/** The new stock would make the product's counters too large to count exactly. */
export class StockTooLargeError extends DomainError {
  readonly code = 'VALIDATION.FAILED';

  constructor(
    readonly productId: string,
    readonly total: string,
  ) {
    super(
      `product ${productId} would hold ${total} units in all (available + reserved + sold), ` +
        `more than ${Number.MAX_SAFE_INTEGER}`,
    );
  }
}

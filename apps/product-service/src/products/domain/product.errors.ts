import { DomainError } from '@polyshop/service-runtime';

export class ProductNotFoundError extends DomainError {
  readonly code = 'PRODUCT.NOT_FOUND';

  constructor(readonly productId: string) {
    super(`No product ${productId}`);
  }
}

export class ProductSkuTakenError extends DomainError {
  readonly code = 'PRODUCT.SKU_TAKEN';

  constructor(readonly sku: string) {
    super(`SKU ${sku} is already used by another product`);
  }
}

import { Injectable } from '@nestjs/common';
import type { ListProductsRequest } from '@polyshop/contracts';
import { ProductsRepository, type ProductPage } from './persistence/products.repository';

/** Page size when the caller names none. */
export const DEFAULT_PAGE_SIZE = 20;

/** A page of the catalog, optionally searched by text (name, description) or exact SKU. */
@Injectable()
export class ListProductsUseCase {
  constructor(private readonly products: ProductsRepository) {}

  execute({ q, limit, offset }: ListProductsRequest): Promise<ProductPage> {
    return this.products.search({ q, limit: limit ?? DEFAULT_PAGE_SIZE, offset: offset ?? 0 });
  }
}

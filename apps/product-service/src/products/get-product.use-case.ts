import { Injectable } from '@nestjs/common';
import type { GetProductRequest } from '@polyshop/contracts';
import type { Product } from './domain/product';
import { ProductNotFoundError } from './domain/product.errors';
import { ProductsRepository } from './persistence/products.repository';

/** One product of the catalog by id. */
@Injectable()
export class GetProductUseCase {
  constructor(private readonly products: ProductsRepository) {}

  async execute({ productId }: GetProductRequest): Promise<Product> {
    const product = await this.products.findById(productId);
    if (product === null) throw new ProductNotFoundError(productId);
    return product;
  }
}

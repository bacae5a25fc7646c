import type { ProductView } from '@polyshop/contracts';
import type { Product } from '../domain/product';

/** The catalog's view of a product (no version: it is an internal concurrency guard). */
export const toProductView = (product: Product): ProductView => ({
  id: product.id,
  sku: product.sku,
  name: product.name,
  description: product.description,
  price: product.price,
  currency: product.currency,
  createdAt: product.createdAt.toISOString(),
  updatedAt: product.updatedAt.toISOString(),
});

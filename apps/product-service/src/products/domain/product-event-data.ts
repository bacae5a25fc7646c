import type { EventData } from '@polyshop/contracts';
import type { Product } from './product';

/** `product.created.v1`: the product as order-service replicates it, and inventory's opening stock. */
export const productCreatedData = (
  product: Product,
  initialStock: number,
): EventData<'product.created.v1'> => ({
  productId: product.id,
  sku: product.sku,
  name: product.name,
  price: product.price,
  currency: product.currency,
  initialStock,
});

/** `product.price-changed.v1` after an update that changed the price from `previousPrice`. */
export const productPriceChangedData = (
  updated: Product,
  previousPrice: number,
): EventData<'product.price-changed.v1'> => ({
  productId: updated.id,
  price: updated.price,
  previousPrice,
  currency: updated.currency,
});

import { Injectable } from '@nestjs/common';
import { RPC_PATTERNS, type ProductView } from '@polyshop/contracts';
import { RpcClient } from '../rpc/rpc.client';

/** Units of a product that can be ordered now. */
export interface ProductAvailability {
  readonly available: number;
}

/** `GET /products/:id`: the product, and its availability or `null` when inventory is down. */
export interface ProductDetails extends ProductView {
  readonly availability: ProductAvailability | null;
}

/**
 * API composition (DESIGN.md 2.1): product-service and inventory-service are asked at once,
 * each call under the RPC deadline. Without the product there is no answer (its error, e.g.
 * 404 or 503); without inventory the product comes back with `availability: null`.
 */
@Injectable()
export class GetProductDetailsUseCase {
  constructor(private readonly rpc: RpcClient) {}

  async execute(productId: string): Promise<ProductDetails> {
    const [product, availability] = await Promise.all([
      this.rpc.call(RPC_PATTERNS.PRODUCTS_GET, { productId }),
      this.availabilityOf(productId),
    ]);
    return { ...product, availability };
  }

  private async availabilityOf(productId: string): Promise<ProductAvailability | null> {
    const answer = await this.rpc.callOptional(
      RPC_PATTERNS.INVENTORY_GET_AVAILABILITY,
      { productIds: [productId] },
      `availability of ${productId}`,
    );
    if (!answer.ok) return null;
    // Inventory leaves out a product it has not heard of yet (its product.created is on its
    // way): nothing can be reserved for it, so nothing is available.
    const item = answer.response.items.find((line) => line.productId === productId);
    return { available: item?.available ?? 0 };
  }
}

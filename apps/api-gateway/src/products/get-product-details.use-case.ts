import { Injectable, Logger } from '@nestjs/common';
import { RPC_PATTERNS, type ProductView } from '@polyshop/contracts';
import { errorMessage } from '@polyshop/service-runtime';
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
  private readonly logger = new Logger(GetProductDetailsUseCase.name);

  constructor(private readonly rpc: RpcClient) {}

  async execute(productId: string): Promise<ProductDetails> {
    const [product, availability] = await Promise.all([
      this.rpc.call(RPC_PATTERNS.PRODUCTS_GET, { productId }),
      this.availabilityOf(productId),
    ]);
    return { ...product, availability };
  }

  private async availabilityOf(productId: string): Promise<ProductAvailability | null> {
    try {
      const { items } = await this.rpc.call(RPC_PATTERNS.INVENTORY_GET_AVAILABILITY, {
        productIds: [productId],
      });
      // Inventory leaves out a product it has not heard of yet (its product.created is on its
      // way): nothing can be reserved for it, so nothing is available.
      return { available: items.find((item) => item.productId === productId)?.available ?? 0 };
    } catch (error) {
      this.logger.warn(`availability of ${productId} left out: ${errorMessage(error)}`);
      return null;
    }
  }
}

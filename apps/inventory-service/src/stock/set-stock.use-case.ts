import { Injectable, Logger } from '@nestjs/common';
import type { Availability } from '@polyshop/contracts';
import { StockRepository } from './stock.repository';

/**
 * `rpc.inventory.set-stock` (admin): `available` becomes the given value and the difference is
 * added to `adjustments`, so `available + reserved + sold = initial + adjustments` still holds.
 * Reservations are untouched: what they hold stays reserved, and goes to sold on payment or
 * back to available (on top of the value set here) on release or expiry. No event: no service
 * consumes stock levels. Throws `UnknownProductError` or `StockTooLargeError`.
 */
@Injectable()
export class SetStockUseCase {
  private readonly logger = new Logger(SetStockUseCase.name);

  constructor(private readonly stock: StockRepository) {}

  async execute(productId: string, available: number): Promise<Availability> {
    const result = await this.stock.setAvailable(productId, available);
    this.logger.log(`product ${productId}: available set to ${available}`);
    return result;
  }
}

import { Injectable, Logger } from '@nestjs/common';
import type { InboxEntry } from '../redis/inventory-keys';
import { StockRepository, type InitialiseOutcome } from './stock.repository';

/**
 * `product.created.v1`: the product's stock starts at `initialStock` (`initial` too, nothing
 * reserved, sold or adjusted). Once: a product inventory already knows keeps its counters.
 */
@Injectable()
export class InitialiseStockUseCase {
  private readonly logger = new Logger(InitialiseStockUseCase.name);

  constructor(private readonly stock: StockRepository) {}

  async execute(
    productId: string,
    initialStock: number,
    inbox: InboxEntry,
  ): Promise<InitialiseOutcome> {
    const outcome = await this.stock.initialise(productId, initialStock, inbox);
    if (outcome === 'initialised') this.logger.log(`product ${productId}: stock ${initialStock}`);
    if (outcome === 'exists') this.logger.warn(`product ${productId}: stock already initialised`);
    return outcome;
  }
}

import { Injectable } from '@nestjs/common';
import type { AvailabilityList } from '@polyshop/contracts';
import { StockRepository } from './stock.repository';

/** `rpc.inventory.get-availability`: units available per product; unknown products left out. */
@Injectable()
export class GetAvailabilityUseCase {
  constructor(private readonly stock: StockRepository) {}

  async execute(productIds: readonly string[]): Promise<AvailabilityList> {
    return { items: await this.stock.availability(productIds) };
  }
}

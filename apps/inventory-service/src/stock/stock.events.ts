import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { SUBJECTS, type EventData } from '@polyshop/contracts';
import { JetStreamContext, OnEvent } from '@polyshop/messaging';
import { InventoryKeys } from '../redis/inventory-keys';
import { InitialiseStockUseCase } from './initialise-stock.use-case';

@Controller()
export class StockEvents {
  constructor(
    private readonly initialiseStock: InitialiseStockUseCase,
    private readonly keys: InventoryKeys,
  ) {}

  @OnEvent(SUBJECTS.PRODUCT_CREATED_V1)
  async onProductCreated(
    @Payload() data: EventData<'product.created.v1'>,
    @Ctx() ctx: JetStreamContext<'product.created.v1'>,
  ): Promise<void> {
    await this.initialiseStock.execute(
      data.productId,
      data.initialStock,
      this.keys.inbox(SUBJECTS.PRODUCT_CREATED_V1, ctx.envelope.id),
    );
  }
}

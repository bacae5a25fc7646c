import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { SUBJECTS, type EventData } from '@polyshop/contracts';
import { JetStreamContext, OnEvent } from '@polyshop/messaging';
import { RecordPriceUseCase } from './record-price.use-case';

/** Keeps the price replica fed from product-service's events. */
@Controller()
export class ProductPricesEvents {
  constructor(private readonly recordPrice: RecordPriceUseCase) {}

  @OnEvent(SUBJECTS.PRODUCT_CREATED_V1)
  onProductCreated(
    @Payload() data: EventData<'product.created.v1'>,
    @Ctx() ctx: JetStreamContext<'product.created.v1'>,
  ): Promise<void> {
    const { productId, price, currency } = data;
    return this.recordPrice.execute(ctx.subject, ctx.envelope.id, {
      productId,
      price,
      currency,
      asOf: new Date(ctx.envelope.occurredAt),
    });
  }

  @OnEvent(SUBJECTS.PRODUCT_PRICE_CHANGED_V1)
  onPriceChanged(
    @Payload() data: EventData<'product.price-changed.v1'>,
    @Ctx() ctx: JetStreamContext<'product.price-changed.v1'>,
  ): Promise<void> {
    const { productId, price, currency } = data;
    return this.recordPrice.execute(ctx.subject, ctx.envelope.id, {
      productId,
      price,
      currency,
      asOf: new Date(ctx.envelope.occurredAt),
    });
  }
}

import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { SUBJECTS, type EventData, type EventSubject } from '@polyshop/contracts';
import { JetStreamContext, OnEvent } from '@polyshop/messaging';
import { CONSUMER_OPTIONS } from '../service';
import { CancelPaymentUseCase } from './cancel-payment.use-case';
import { ChargePaymentUseCase } from './charge-payment.use-case';
import type { PaymentDelivery } from './payment-journal';
import { RecordIntentUseCase } from './record-intent.use-case';

const deliveryOf = <S extends EventSubject>(ctx: JetStreamContext<S>): PaymentDelivery => ({
  eventId: ctx.envelope.id,
  subject: ctx.subject,
  attempt: ctx.attempt,
});

/**
 * payment-service's part of the order saga (docs/saga.md). Each handler resolves after its
 * local commit; it throws only for what a retry can fix (intent not known yet, payment busy,
 * PSP unavailable, store down).
 */
@Controller()
export class PaymentsEvents {
  constructor(
    private readonly recordIntent: RecordIntentUseCase,
    private readonly charge: ChargePaymentUseCase,
    private readonly cancel: CancelPaymentUseCase,
  ) {}

  @OnEvent(SUBJECTS.ORDER_PLACED_V1)
  onOrderPlaced(
    @Payload() data: EventData<'order.placed.v1'>,
    @Ctx() ctx: JetStreamContext<'order.placed.v1'>,
  ): Promise<void> {
    return this.recordIntent.execute(data, deliveryOf(ctx));
  }

  @OnEvent(SUBJECTS.INVENTORY_STOCK_RESERVED_V1)
  onStockReserved(
    @Payload() data: EventData<'inventory.stock-reserved.v1'>,
    @Ctx() ctx: JetStreamContext<'inventory.stock-reserved.v1'>,
  ): Promise<void> {
    return this.charge.execute({
      orderId: data.orderId,
      delivery: deliveryOf(ctx),
      lastAttempt: ctx.attempt >= CONSUMER_OPTIONS.maxAttempts,
    });
  }

  @OnEvent(SUBJECTS.ORDER_CANCELLED_V1)
  onOrderCancelled(
    @Payload() data: EventData<'order.cancelled.v1'>,
    @Ctx() ctx: JetStreamContext<'order.cancelled.v1'>,
  ): Promise<void> {
    return this.cancel.execute({ orderId: data.orderId, delivery: deliveryOf(ctx) });
  }
}

import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { SUBJECTS, type EventData, type EventSubject } from '@polyshop/contracts';
import { JetStreamContext, OnEvent } from '@polyshop/messaging';
import { ApplySagaEventUseCase, type SagaDelivery } from './apply-saga-event.use-case';

const deliveryOf = <S extends EventSubject>(
  ctx: JetStreamContext<S>,
  orderId: string,
): SagaDelivery => ({
  orderId,
  subject: ctx.subject,
  eventId: ctx.envelope.id,
  attempt: ctx.attempt,
});

/** The saga events that move an order (docs/saga.md); each is one local transaction. */
@Controller()
export class OrderSagaEvents {
  constructor(private readonly applySagaEvent: ApplySagaEventUseCase) {}

  @OnEvent(SUBJECTS.INVENTORY_STOCK_RESERVED_V1)
  onStockReserved(
    @Payload() data: EventData<'inventory.stock-reserved.v1'>,
    @Ctx() ctx: JetStreamContext<'inventory.stock-reserved.v1'>,
  ): Promise<void> {
    return this.applySagaEvent.execute(deliveryOf(ctx, data.orderId), { kind: 'STOCK_RESERVED' });
  }

  @OnEvent(SUBJECTS.INVENTORY_STOCK_RESERVATION_FAILED_V1)
  onStockReservationFailed(
    @Payload() data: EventData<'inventory.stock-reservation-failed.v1'>,
    @Ctx() ctx: JetStreamContext<'inventory.stock-reservation-failed.v1'>,
  ): Promise<void> {
    return this.applySagaEvent.execute(deliveryOf(ctx, data.orderId), {
      kind: 'STOCK_RESERVATION_FAILED',
      reason: data.reason,
    });
  }

  @OnEvent(SUBJECTS.PAYMENT_SUCCEEDED_V1)
  onPaymentSucceeded(
    @Payload() data: EventData<'payment.succeeded.v1'>,
    @Ctx() ctx: JetStreamContext<'payment.succeeded.v1'>,
  ): Promise<void> {
    return this.applySagaEvent.execute(deliveryOf(ctx, data.orderId), {
      kind: 'PAYMENT_SUCCEEDED',
    });
  }

  @OnEvent(SUBJECTS.PAYMENT_FAILED_V1)
  onPaymentFailed(
    @Payload() data: EventData<'payment.failed.v1'>,
    @Ctx() ctx: JetStreamContext<'payment.failed.v1'>,
  ): Promise<void> {
    return this.applySagaEvent.execute(deliveryOf(ctx, data.orderId), {
      kind: 'PAYMENT_FAILED',
      reason: data.reason,
    });
  }
}

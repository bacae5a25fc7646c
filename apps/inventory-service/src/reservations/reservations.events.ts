import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { SUBJECTS, type EventData, type EventSubject } from '@polyshop/contracts';
import { JetStreamContext, OnEvent } from '@polyshop/messaging';
import { InventoryKeys } from '../redis/inventory-keys';
import { handledEvent, type HandledEvent } from '../timeline/inventory-journal';
import { CommitReservationUseCase } from './commit-reservation.use-case';
import { ReleaseReservationUseCase } from './release-reservation.use-case';
import { ReserveStockUseCase } from './reserve-stock.use-case';

/** inventory's part of the order saga (docs/saga.md). */
@Controller()
export class ReservationsEvents {
  constructor(
    private readonly reserveStock: ReserveStockUseCase,
    private readonly commitReservation: CommitReservationUseCase,
    private readonly releaseReservation: ReleaseReservationUseCase,
    private readonly keys: InventoryKeys,
  ) {}

  private handled<S extends EventSubject>(ctx: JetStreamContext<S>): HandledEvent {
    return handledEvent(this.keys, {
      subject: ctx.subject,
      eventId: ctx.envelope.id,
      attempt: ctx.attempt,
    });
  }

  @OnEvent(SUBJECTS.ORDER_PLACED_V1)
  async onOrderPlaced(
    @Payload() data: EventData<'order.placed.v1'>,
    @Ctx() ctx: JetStreamContext<'order.placed.v1'>,
  ): Promise<void> {
    await this.reserveStock.execute(data, this.handled(ctx));
  }

  @OnEvent(SUBJECTS.PAYMENT_SUCCEEDED_V1)
  async onPaymentSucceeded(
    @Payload() data: EventData<'payment.succeeded.v1'>,
    @Ctx() ctx: JetStreamContext<'payment.succeeded.v1'>,
  ): Promise<void> {
    await this.commitReservation.execute(data.orderId, this.handled(ctx));
  }

  @OnEvent(SUBJECTS.PAYMENT_FAILED_V1)
  async onPaymentFailed(
    @Payload() data: EventData<'payment.failed.v1'>,
    @Ctx() ctx: JetStreamContext<'payment.failed.v1'>,
  ): Promise<void> {
    await this.releaseReservation.execute(data.orderId, 'PAYMENT_FAILED', {
      handled: this.handled(ctx),
      orderCancelled: false,
      dueBy: null,
    });
  }

  /**
   * Also two races: "release before reserve" (an order not seen yet gets a tombstone) and
   * `payment.succeeded.v1` handled first (the committed units go back: the order is cancelled).
   */
  @OnEvent(SUBJECTS.ORDER_CANCELLED_V1)
  async onOrderCancelled(
    @Payload() data: EventData<'order.cancelled.v1'>,
    @Ctx() ctx: JetStreamContext<'order.cancelled.v1'>,
  ): Promise<void> {
    await this.releaseReservation.execute(data.orderId, 'ORDER_CANCELLED', {
      handled: this.handled(ctx),
      orderCancelled: true,
      dueBy: null,
    });
  }
}

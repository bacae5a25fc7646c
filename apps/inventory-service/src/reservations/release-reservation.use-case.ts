import { Injectable, Logger } from '@nestjs/common';
import type { StockReleaseReason } from '@polyshop/contracts';
import { OutboxRelay } from '@polyshop/messaging';
import type { HandledEvent } from '../timeline/inventory-journal';
import { stockReleasedEvent } from './inventory-events';
import { releasable } from './reservation';
import type { SettleOutcome } from './reservation-outcomes';
import { ReservationsRepository } from './reservations.repository';
import { settleWithFreshRead } from './settle-with-fresh-read';

export interface ReleaseOptions {
  /** The event being handled; `null` for the expiry sweeper. */
  readonly handled: HandledEvent | null;
  /**
   * The release is the order's cancellation (`order.cancelled.v1`, only emitted for an order
   * that ended `CANCELLED`). It also gives back a committed reservation, whose payment succeeded
   * while the order was being cancelled (payment-service refunds it), and it leaves a tombstone
   * when inventory never saw the order (cancelled before placed).
   */
  readonly orderCancelled: boolean;
  /** Release only a reservation whose deadline is at or before this time (expiry). */
  readonly dueBy: Date | null;
}

/**
 * Gives a held reservation back to available and emits `inventory.stock-released.v1` with the
 * reason (`payment.failed.v1`, `order.cancelled.v1`, expiry); `order.cancelled.v1` gives back a
 * committed one as well. Nothing to give back: no effect and no event, except the tombstone that
 * `order.cancelled.v1` leaves for an order never placed here.
 */
@Injectable()
export class ReleaseReservationUseCase {
  private readonly logger = new Logger(ReleaseReservationUseCase.name);

  constructor(
    private readonly reservations: ReservationsRepository,
    private readonly relay: OutboxRelay,
  ) {}

  async execute(
    orderId: string,
    reason: StockReleaseReason,
    { handled, orderCancelled, dueBy }: ReleaseOptions,
  ): Promise<SettleOutcome> {
    const outcome = await settleWithFreshRead(
      orderId,
      () => this.reservations.read(orderId),
      (read) => {
        const releasing = releasable(read, orderCancelled);
        return this.reservations.release({
          orderId,
          read,
          handled,
          reason,
          orderCancelled,
          dueBy,
          released:
            releasing === null ? null : stockReleasedEvent(orderId, releasing.items, reason),
        });
      },
    );
    if (outcome.kind === 'released') {
      this.relay.kick();
      this.logger.log(`order ${orderId}: reservation released (${reason})`);
    }
    if (outcome.kind === 'tombstoned') {
      this.logger.log(`order ${orderId}: cancelled before placed, tombstone left`);
    }
    return outcome;
  }
}

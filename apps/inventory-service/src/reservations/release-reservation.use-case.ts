import { Injectable, Logger } from '@nestjs/common';
import type { StockReleaseReason } from '@polyshop/contracts';
import { OutboxRelay } from '@polyshop/messaging';
import type { InboxEntry } from '../redis/inventory-keys';
import { stockReleasedEvent } from './inventory-events';
import type { SettleOutcome } from './reservation-outcomes';
import { ReservationsRepository } from './reservations.repository';
import { settleWithFreshRead } from './settle-with-fresh-read';

export interface ReleaseOptions {
  /** The event being handled; `null` for the expiry sweeper. */
  readonly inbox: InboxEntry | null;
  /** Leave a tombstone when inventory never saw the order (cancelled before placed). */
  readonly tombstone: boolean;
  /** Release only a reservation whose deadline is at or before this time (expiry). */
  readonly dueBy: Date | null;
}

/**
 * Gives a held reservation back to available and emits `inventory.stock-released.v1` with the
 * reason (`payment.failed.v1`, `order.cancelled.v1`, expiry). Nothing held: no effect and no
 * event, except the tombstone that `order.cancelled.v1` leaves for an order never placed here.
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
    { inbox, tombstone, dueBy }: ReleaseOptions,
  ): Promise<SettleOutcome> {
    const outcome = await settleWithFreshRead(
      orderId,
      () => this.reservations.read(orderId),
      (read) =>
        this.reservations.release({
          orderId,
          read,
          inbox,
          reason,
          tombstone,
          dueBy,
          released: read?.state === 'HELD' ? stockReleasedEvent(orderId, read.items, reason) : null,
        }),
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

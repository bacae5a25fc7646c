import { Injectable, Logger } from '@nestjs/common';
import type { HandledEvent } from '../timeline/inventory-journal';
import type { SettleOutcome } from './reservation-outcomes';
import { ReservationsRepository } from './reservations.repository';
import { settleWithFreshRead } from './settle-with-fresh-read';

/**
 * `payment.succeeded.v1`: the order's held items move from reserved to sold. No event: nobody
 * consumes one, and the order's confirmation is order-service's. A reservation that is no longer
 * held (released on cancellation, expired) or never existed is left alone.
 */
@Injectable()
export class CommitReservationUseCase {
  private readonly logger = new Logger(CommitReservationUseCase.name);

  constructor(private readonly reservations: ReservationsRepository) {}

  async execute(orderId: string, handled: HandledEvent): Promise<SettleOutcome> {
    const outcome = await settleWithFreshRead(
      orderId,
      () => this.reservations.read(orderId),
      (read) => this.reservations.commit({ orderId, read, handled }),
    );
    if (outcome.kind === 'committed') this.logger.debug(`order ${orderId}: reservation committed`);
    if (outcome.kind === 'not-held') {
      this.logger.warn(`order ${orderId}: payment succeeded but nothing held (${outcome.state})`);
    }
    return outcome;
  }
}

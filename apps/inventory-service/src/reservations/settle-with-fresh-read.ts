import type { ReservationRecord } from './reservation';
import type { SettleOutcome } from './reservation-outcomes';
import { SETTLE_MAX_ATTEMPTS } from './reservations.constants';

/**
 * Runs a commit or release: reads the reservation record, then runs the script with what was
 * read, again while the script finds the record changed in between (`stale`: an order placed
 * and cancelled at the same moment). Throws on an inconsistent stock hash (nothing was written;
 * the event is retried, then dead-lettered for a human) and when the record keeps changing.
 */
export async function settleWithFreshRead(
  orderId: string,
  read: () => Promise<ReservationRecord | null>,
  settle: (record: ReservationRecord | null) => Promise<SettleOutcome>,
  maxAttempts = SETTLE_MAX_ATTEMPTS,
): Promise<SettleOutcome> {
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    const outcome = await settle(await read());
    if (outcome.kind === 'inconsistent') {
      throw new Error(
        `order ${orderId}: ${outcome.stockKey} holds less than the reservation (reserved or sold)`,
      );
    }
    if (outcome.kind !== 'stale') return outcome;
  }
  throw new Error(`order ${orderId}: reservation changed during ${maxAttempts} attempts`);
}

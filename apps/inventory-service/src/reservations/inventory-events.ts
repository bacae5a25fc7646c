import type { StockReleaseReason, StockReservationFailureReason } from '@polyshop/contracts';
import { createOutgoingEvent, type OutgoingEvent } from '@polyshop/messaging';
import type { ReservedItem } from './reservation';

/**
 * The text a reservation-failed template carries where the script writes the shortages, which
 * only the script knows. Quotes inside JSON strings are escaped, so the unescaped key can only
 * be the `shortages` field itself.
 */
export const SHORTAGES_PLACEHOLDER = '"shortages":[]';

const items = (lines: readonly ReservedItem[]) =>
  lines.map(({ productId, quantity }) => ({ productId, quantity }));

/** `inventory.stock-reserved.v1` of an order, correlated by its id. */
export function stockReservedEvent(
  orderId: string,
  lines: readonly ReservedItem[],
  expiresAt: Date,
): OutgoingEvent {
  return createOutgoingEvent(
    'inventory.stock-reserved.v1',
    { orderId, items: items(lines), expiresAt: expiresAt.toISOString() },
    { correlationId: orderId },
  );
}

/**
 * `inventory.stock-reservation-failed.v1` of an order with an empty shortage list, for the
 * reserve script to fill in (`SHORTAGES_PLACEHOLDER`, present exactly once).
 */
export function reservationFailedTemplate(
  orderId: string,
  reason: StockReservationFailureReason,
): OutgoingEvent {
  const event = createOutgoingEvent(
    'inventory.stock-reservation-failed.v1',
    { orderId, reason, shortages: [] },
    { correlationId: orderId },
  );
  if (event.payload.split(SHORTAGES_PLACEHOLDER).length !== 2) {
    throw new Error(`reservation-failed template lacks a single ${SHORTAGES_PLACEHOLDER}`);
  }
  return event;
}

/** `inventory.stock-released.v1` of an order's reservation. */
export function stockReleasedEvent(
  orderId: string,
  lines: readonly ReservedItem[],
  reason: StockReleaseReason,
): OutgoingEvent {
  return createOutgoingEvent(
    'inventory.stock-released.v1',
    { orderId, items: items(lines), reason },
    { correlationId: orderId },
  );
}

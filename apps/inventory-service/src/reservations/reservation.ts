/**
 * Where an order stands in inventory (`state` of `inventory:reservation:<orderId>`):
 * - `HELD`: its items are reserved until `expiresAt`;
 * - `COMMITTED`: paid, the items moved from reserved to sold;
 * - `RELEASED`: given back to available (payment failed, order cancelled, expired), from
 *   `HELD`, or from `COMMITTED` when `order.cancelled.v1` follows a payment that succeeded while
 *   the order was being cancelled;
 * - `REJECTED`: nothing could be reserved (out of stock, unknown product);
 * - `CANCELLED`: a tombstone, the order was cancelled before inventory saw it placed.
 * Every state but `HELD` and `COMMITTED` is final; records expire `ORDER_RECORD_TTL_SECONDS`
 * after their last change.
 */
export const RESERVATION_STATES = [
  'HELD',
  'COMMITTED',
  'RELEASED',
  'REJECTED',
  'CANCELLED',
] as const;
export type ReservationState = (typeof RESERVATION_STATES)[number];

/** A quantity of one product held for an order. */
export interface ReservedItem {
  readonly productId: string;
  readonly quantity: number;
}

/** What a reservation record holds, as read before a commit or a release. */
export interface ReservationRecord {
  readonly state: ReservationState;
  /** The items exactly as stored (scripts compare them to detect a change since the read). */
  readonly itemsJson: string;
  readonly items: readonly ReservedItem[];
}

/**
 * The record whose items a release gives back: a held reservation, and, when the release is the
 * order's cancellation, a committed one too (`RELEASE_SCRIPT` says why); `null` when there is
 * nothing to give back.
 */
export function releasable(
  read: ReservationRecord | null,
  orderCancelled: boolean,
): ReservationRecord | null {
  if (read?.state === 'HELD') return read;
  if (read?.state === 'COMMITTED' && orderCancelled) return read;
  return null;
}

/** The fields of a reservation hash read by `parseReservationRecord`, in that order. */
export const RESERVATION_FIELDS = ['state', 'items'] as const;

/**
 * One line per product, quantities of repeated products added up, in the order of first
 * appearance: what is reserved, recorded and reported for an order.
 */
export function mergeItems(items: readonly ReservedItem[]): ReservedItem[] {
  const quantities = new Map<string, number>();
  for (const { productId, quantity } of items) {
    quantities.set(productId, (quantities.get(productId) ?? 0) + quantity);
  }
  return [...quantities].map(([productId, quantity]) => ({ productId, quantity }));
}

/** The stored form of a reservation's items: compact JSON with a fixed key order. */
export function encodeItems(items: readonly ReservedItem[]): string {
  return JSON.stringify(items.map(({ productId, quantity }) => ({ productId, quantity })));
}

const isReservedItem = (value: unknown): value is ReservedItem => {
  if (typeof value !== 'object' || value === null) return false;
  const { productId, quantity } = value as Record<string, unknown>;
  return typeof productId === 'string' && Number.isSafeInteger(quantity) && Number(quantity) > 0;
};

const isReservationState = (value: string): value is ReservationState =>
  (RESERVATION_STATES as readonly string[]).includes(value);

/**
 * Reads a reservation hash (`HMGET` of `RESERVATION_FIELDS`); `null` when the order has no
 * record. A record with an unknown state or unreadable items is corrupt and throws.
 */
export function parseReservationRecord(
  values: readonly (string | null)[],
): ReservationRecord | null {
  const [state, itemsJson] = values;
  if (state === null || state === undefined) return null;
  if (!isReservationState(state)) throw new Error(`reservation state ${state} is unknown`);
  if (itemsJson === null || itemsJson === undefined) return { state, itemsJson: '', items: [] };
  const items: unknown = JSON.parse(itemsJson);
  if (!Array.isArray(items) || !items.every(isReservedItem)) {
    throw new Error(`reservation items ${itemsJson} are corrupt`);
  }
  return { state, itemsJson, items };
}

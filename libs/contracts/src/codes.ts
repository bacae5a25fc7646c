/**
 * Stable codes shared by events, RPC replies and the public API. Each is a readonly array (for
 * `@IsIn` and for iteration) plus the string-literal union derived from it.
 */

/** Order state machine: `PENDING` -> `AWAITING_PAYMENT` -> `CONFIRMED`, or a terminal failure. */
export const ORDER_STATUSES = [
  'PENDING',
  'AWAITING_PAYMENT',
  'CONFIRMED',
  'REJECTED',
  'CANCELLED',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** Statuses an order never leaves. */
export const TERMINAL_ORDER_STATUSES = [
  'CONFIRMED',
  'REJECTED',
  'CANCELLED',
] as const satisfies readonly OrderStatus[];

/**
 * Why an order was cancelled (`order.cancelled.v1`). `PAYMENT_FAILED` extends DESIGN's list: a
 * payment that failed for another reason than a decline (`INVALID_TOKEN`,
 * `PROVIDER_UNAVAILABLE`), so that the order's reason never claims a decline that did not happen.
 */
export const ORDER_CANCELLATION_REASONS = [
  'CANCELLED_BY_USER',
  'TIMEOUT',
  'PAYMENT_DECLINED',
  'PAYMENT_FAILED',
  'OUT_OF_STOCK',
] as const;
export type OrderCancellationReason = (typeof ORDER_CANCELLATION_REASONS)[number];

/** Why inventory could not reserve an order's items (`inventory.stock-reservation-failed.v1`). */
export const STOCK_RESERVATION_FAILURE_REASONS = ['OUT_OF_STOCK', 'UNKNOWN_PRODUCT'] as const;
export type StockReservationFailureReason = (typeof STOCK_RESERVATION_FAILURE_REASONS)[number];

/** Why a reservation was given back (`inventory.stock-released.v1`). */
export const STOCK_RELEASE_REASONS = ['PAYMENT_FAILED', 'ORDER_CANCELLED', 'EXPIRED'] as const;
export type StockReleaseReason = (typeof STOCK_RELEASE_REASONS)[number];

/** Why a charge failed (`payment.failed.v1`). */
export const PAYMENT_FAILURE_REASONS = [
  'PAYMENT_DECLINED',
  'INVALID_TOKEN',
  'PROVIDER_UNAVAILABLE',
] as const;
export type PaymentFailureReason = (typeof PAYMENT_FAILURE_REASONS)[number];

/** The `reason` an order shows once it failed: a cancellation or a rejection reason. */
export type OrderReason = OrderCancellationReason | StockReservationFailureReason;
export const ORDER_REASONS = [
  'CANCELLED_BY_USER',
  'TIMEOUT',
  'PAYMENT_DECLINED',
  'PAYMENT_FAILED',
  'OUT_OF_STOCK',
  'UNKNOWN_PRODUCT',
] as const satisfies readonly OrderReason[];

/** Account roles; the admin account is seeded from the environment. */
export const USER_ROLES = ['user', 'admin'] as const;
export type UserRole = (typeof USER_ROLES)[number];

/**
 * The payment simulator's test cards: `tok_visa` is charged, `tok_chargeDeclined` is declined.
 * Any other token is refused when the order is placed.
 */
export const PAYMENT_TOKENS = {
  CHARGED: 'tok_visa',
  DECLINED: 'tok_chargeDeclined',
} as const;
export type PaymentToken = (typeof PAYMENT_TOKENS)[keyof typeof PAYMENT_TOKENS];

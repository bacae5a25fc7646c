import type { PaymentFailureReason } from '@polyshop/contracts';
import type { PspChargeStatus } from '../../psp/payment-provider';
import type { PaymentStatus } from './payment';

/** What `inventory.stock-reserved` does to a payment in a given status. */
export type StockReservedAction =
  /** No intent yet (reserved before `order.placed` got here): retry later. */
  | 'wait-for-intent'
  /** Claim the charge (free, or a worker's lease that may have run out). */
  | 'claim-charge'
  /** Charged, failed, cancelled or refunded already: acknowledge without effect. */
  | 'none';

export function onStockReserved(status: PaymentStatus | undefined): StockReservedAction {
  switch (status) {
    case undefined:
      return 'wait-for-intent';
    case 'PENDING':
    case 'CHARGING':
      return 'claim-charge';
    case 'CHARGED':
    case 'DECLINED':
    case 'FAILED':
    case 'CANCELLED':
    case 'REFUNDING':
    case 'REFUNDED':
      return 'none';
  }
}

/** What `order.cancelled` does to a payment in a given status. */
export type OrderCancelledAction =
  /** Never charged: `CANCELLED`, and a later stock-reserved charges nothing. */
  | 'cancel'
  /**
   * A charge is in flight, or an attempt reached the PSP and gave its claim back without
   * settling (the PSP may hold a charge): flag it; the charge's worker or its retry voids the key
   * or refunds instead of charging.
   */
  | 'flag-charge'
  /** Charged: claim the refund. */
  | 'claim-refund'
  /** Declined, failed, cancelled or refunded already: acknowledge without effect. */
  | 'none';

export function onOrderCancelled(
  status: PaymentStatus,
  { chargeAttempts }: { chargeAttempts: number },
): OrderCancelledAction {
  switch (status) {
    case 'PENDING':
      return chargeAttempts === 0 ? 'cancel' : 'flag-charge';
    case 'CHARGING':
      return 'flag-charge';
    case 'CHARGED':
    case 'REFUNDING':
      return 'claim-refund';
    case 'DECLINED':
    case 'FAILED':
    case 'CANCELLED':
    case 'REFUNDED':
      return 'none';
  }
}

/** The event a settled charge publishes, if any. */
export type SettlementEvent = 'payment.succeeded.v1' | 'payment.failed.v1' | 'payment.refunded.v1';

/** Where a claimed charge ends, given the PSP's answer. */
export interface Settlement {
  readonly status: Extract<
    PaymentStatus,
    'CHARGED' | 'DECLINED' | 'FAILED' | 'CANCELLED' | 'REFUNDED'
  >;
  readonly failureReason: PaymentFailureReason | null;
  readonly publishes: SettlementEvent | null;
}

const FAILURE_REASONS = {
  DECLINED: 'PAYMENT_DECLINED',
  INVALID_TOKEN: 'INVALID_TOKEN',
  // Only a worker giving up on an unavailable PSP voids without a cancellation.
  VOIDED: 'PROVIDER_UNAVAILABLE',
} as const satisfies Record<Exclude<PspChargeStatus, 'SUCCEEDED'>, PaymentFailureReason>;

/**
 * Settles a claimed charge from the PSP's answer. When the order was cancelled meanwhile, no
 * success is ever published: a charge that went through must be refunded first
 * (`'refund-first'`), then settles `REFUNDED` with `payment.refunded.v1` only; anything else
 * settles `CANCELLED` silently, since the order is already cancelled and nothing was taken.
 */
export function settleCharge(
  answer: PspChargeStatus,
  { cancelRequested, refunded }: { cancelRequested: boolean; refunded: boolean },
): Settlement | 'refund-first' {
  if (answer === 'SUCCEEDED') {
    if (!cancelRequested) {
      return { status: 'CHARGED', failureReason: null, publishes: 'payment.succeeded.v1' };
    }
    if (!refunded) return 'refund-first';
    return { status: 'REFUNDED', failureReason: null, publishes: 'payment.refunded.v1' };
  }
  const failureReason = FAILURE_REASONS[answer];
  if (cancelRequested) return { status: 'CANCELLED', failureReason, publishes: null };
  return {
    status: answer === 'DECLINED' ? 'DECLINED' : 'FAILED',
    failureReason,
    publishes: 'payment.failed.v1',
  };
}

import {
  TERMINAL_ORDER_STATUSES,
  type OrderCancellationReason,
  type OrderReason,
  type OrderStatus,
  type PaymentFailureReason,
  type StockReservationFailureReason,
} from '@polyshop/contracts';

/** Everything that can move a placed order (docs/saga.md, "Order state machine"). */
export type OrderTrigger =
  | { readonly kind: 'STOCK_RESERVED' }
  | { readonly kind: 'STOCK_RESERVATION_FAILED'; readonly reason: StockReservationFailureReason }
  | { readonly kind: 'PAYMENT_SUCCEEDED' }
  | { readonly kind: 'PAYMENT_FAILED'; readonly reason: PaymentFailureReason }
  | { readonly kind: 'CANCELLED_BY_USER' }
  | { readonly kind: 'DEADLINE_PASSED' };

export type OrderTriggerKind = OrderTrigger['kind'];

/** The event order-service publishes when a transition happens, if any. */
export type Announcement =
  | { readonly subject: 'order.confirmed.v1' }
  | { readonly subject: 'order.cancelled.v1'; readonly reason: OrderCancellationReason };

/**
 * What a trigger does: from which statuses it applies, where it leads, the `reason` the order
 * then shows and the event that announces it. A trigger that finds the order in any other status
 * is late and has no effect.
 */
export interface TransitionRule {
  readonly from: readonly OrderStatus[];
  readonly to: OrderStatus;
  readonly reason: OrderReason | null;
  readonly announces: Announcement | null;
}

const LIVE: readonly OrderStatus[] = ['PENDING', 'AWAITING_PAYMENT'];

const cancelled = (reason: OrderCancellationReason, announce: boolean): TransitionRule => ({
  from: LIVE,
  to: 'CANCELLED',
  reason,
  announces: announce ? { subject: 'order.cancelled.v1', reason } : null,
});

/** A decline keeps its name; any other payment failure is `PAYMENT_FAILED`. */
export function cancellationReasonOf(reason: PaymentFailureReason): OrderCancellationReason {
  switch (reason) {
    case 'PAYMENT_DECLINED':
      return 'PAYMENT_DECLINED';
    case 'INVALID_TOKEN':
    case 'PROVIDER_UNAVAILABLE':
      return 'PAYMENT_FAILED';
  }
}

/**
 * The rule of a trigger. Two choices beyond the diagram of docs/saga.md, both recorded in
 * docs/architecture.md:
 * - a payment outcome also applies to a `PENDING` order: payment charges only after
 *   `stock-reserved`, so a payment event proves the reservation even when order-service handles
 *   it before its own `stock-reserved` (two durables, no order between them);
 * - a payment failure announces nothing: inventory releases on `payment.failed.v1` itself and
 *   payment has nothing to refund, so `order.cancelled.v1` would only cause no-op compensations.
 */
export function ruleFor(trigger: OrderTrigger): TransitionRule {
  switch (trigger.kind) {
    case 'STOCK_RESERVED':
      return { from: ['PENDING'], to: 'AWAITING_PAYMENT', reason: null, announces: null };
    case 'STOCK_RESERVATION_FAILED':
      return { from: ['PENDING'], to: 'REJECTED', reason: trigger.reason, announces: null };
    case 'PAYMENT_SUCCEEDED':
      return {
        from: LIVE,
        to: 'CONFIRMED',
        reason: null,
        announces: { subject: 'order.confirmed.v1' },
      };
    case 'PAYMENT_FAILED':
      return cancelled(cancellationReasonOf(trigger.reason), false);
    case 'CANCELLED_BY_USER':
      return cancelled('CANCELLED_BY_USER', true);
    case 'DEADLINE_PASSED':
      return cancelled('TIMEOUT', true);
  }
}

/** The transition `trigger` makes from `status`, or `null` when it comes too late to apply. */
export function transitionFrom(status: OrderStatus, trigger: OrderTrigger): TransitionRule | null {
  const rule = ruleFor(trigger);
  return rule.from.includes(status) ? rule : null;
}

/** True for `CONFIRMED`, `REJECTED` and `CANCELLED`, which an order never leaves. */
export function isTerminal(status: OrderStatus): boolean {
  return (TERMINAL_ORDER_STATUSES as readonly OrderStatus[]).includes(status);
}

/** Statuses an order is in while its saga runs; the deadline sweeper looks at these only. */
export const LIVE_ORDER_STATUSES = LIVE;

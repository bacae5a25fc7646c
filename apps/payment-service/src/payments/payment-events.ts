import { createOutgoingEvent, type OutgoingEvent } from '@polyshop/messaging';
import { intentOf, type Payment } from './domain/payment';
import type { Settlement } from './domain/payment-transitions';

/** The event a settlement publishes, for a payment (correlated by its order, as every saga event). */
export function settlementEvent(
  payment: Payment,
  settlement: Settlement,
  refundId: string | undefined,
): OutgoingEvent | undefined {
  const { orderId, paymentId } = payment;
  const options = { correlationId: orderId };
  switch (settlement.publishes) {
    case null:
      return undefined;
    case 'payment.succeeded.v1': {
      const { amount, currency } = intentOf(payment);
      return createOutgoingEvent(
        settlement.publishes,
        { orderId, paymentId, amount, currency },
        options,
      );
    }
    case 'payment.failed.v1': {
      if (settlement.failureReason === null) throw new Error('a failed payment needs a reason');
      const reason = settlement.failureReason;
      return createOutgoingEvent(settlement.publishes, { orderId, paymentId, reason }, options);
    }
    case 'payment.refunded.v1': {
      if (refundId === undefined) throw new Error('a refunded payment needs its refund');
      const { amount, currency } = intentOf(payment);
      return createOutgoingEvent(
        settlement.publishes,
        { orderId, paymentId, refundId, amount, currency },
        options,
      );
    }
  }
}

/**
 * Errors that end a delivery without an effect, for the transport to retry it with backoff.
 * They never cross the service boundary; their code shows in logs and dead letters.
 */
export abstract class TransientPaymentError extends Error {
  abstract readonly code: `PAYMENT.${string}`;
}

/** `inventory.stock-reserved` came before `order.placed` (docs/saga.md): retry until it is here. */
export class IntentNotKnownYetError extends TransientPaymentError {
  readonly code = 'PAYMENT.INTENT_NOT_KNOWN_YET';

  constructor(orderId: string) {
    super(`no payment intent for order ${orderId} yet`);
    this.name = 'IntentNotKnownYetError';
  }
}

/** Another worker holds the payment (a charge or refund in flight), or it changed under us. */
export class PaymentBusyError extends TransientPaymentError {
  readonly code = 'PAYMENT.BUSY';

  constructor(orderId: string, why: string) {
    super(`payment of order ${orderId} is busy: ${why}`);
    this.name = 'PaymentBusyError';
  }
}

import { Injectable, Logger } from '@nestjs/common';
import { SqlInbox } from '@polyshop/messaging';
import { DataSource } from 'typeorm';
import { PaymentProvider } from '../psp/payment-provider';
import { intentOf } from './domain/payment';
import { PaymentBusyError } from './domain/payment.errors';
import { onOrderCancelled, type OrderCancelledAction } from './domain/payment-transitions';
import { processed, type PaymentDelivery } from './payment-journal';
import { CONSUMERS } from './payments.consumers';
import { PaymentTimelineRepository } from './persistence/payment-timeline.repository';
import { PaymentsRepository } from './persistence/payments.repository';
import { SettlePaymentUseCase } from './settle-payment.use-case';

/** What a cancellation did, for the journal (a refund's entry is its event). */
const CANCELLATION_DETAIL = {
  cancel: 'cancelled before any charge',
  'flag-charge': 'charge in flight flagged: it is voided or refunded',
  'claim-refund': undefined,
  none: 'nothing to cancel',
} as const satisfies Record<OrderCancelledAction, string | undefined>;

export interface CancelPaymentCommand {
  readonly orderId: string;
  /** The delivery of the `order.cancelled` event. */
  readonly delivery: PaymentDelivery;
}

/**
 * Compensates a cancelled order: a payment never charged is cancelled (a tombstone if its
 * intent has not arrived), so that nothing charges it later; a charge in flight (or attempted
 * and to be retried) is flagged for its worker to void or refund; a charged one is refunded
 * exactly once (claim
 * `CHARGED` -> `REFUNDING`, PSP refund by order id, settle `REFUNDED` with `payment.refunded.v1`).
 */
@Injectable()
export class CancelPaymentUseCase {
  private readonly logger = new Logger(CancelPaymentUseCase.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly payments: PaymentsRepository,
    private readonly provider: PaymentProvider,
    private readonly settle: SettlePaymentUseCase,
    private readonly inbox: SqlInbox,
    private readonly timeline: PaymentTimelineRepository,
  ) {}

  async execute({ orderId, delivery }: CancelPaymentCommand): Promise<void> {
    const payment = await this.payments.find(orderId);
    if (payment && onOrderCancelled(payment.status, payment) === 'claim-refund') {
      return this.refund(orderId, delivery);
    }
    const action = await this.dataSource.transaction(async (manager) => {
      const inboxed = await this.inbox.record(manager, CONSUMERS.orderCancelled, delivery.eventId);
      if (inboxed === 'duplicate') return 'none';
      await this.payments.insertTombstone(manager, orderId);
      const current = await this.payments.lock(manager, orderId);
      if (!current) throw new Error(`payment of order ${orderId} vanished`);
      const next: OrderCancelledAction = onOrderCancelled(current.status, current);
      switch (next) {
        case 'cancel':
          await this.payments.cancel(manager, orderId);
          break;
        case 'flag-charge':
          await this.payments.flagCancelled(manager, orderId);
          break;
        case 'claim-refund':
          // Charged since we looked: roll back, the retry refunds.
          throw new PaymentBusyError(orderId, 'charged meanwhile');
        case 'none':
          break;
      }
      await this.timeline.append(manager, orderId, [
        processed(delivery, CANCELLATION_DETAIL[next]),
      ]);
      return next;
    });
    if (action !== 'none') this.logger.log(`order ${orderId}: cancellation applied (${action})`);
  }

  private async refund(orderId: string, delivery: PaymentDelivery): Promise<void> {
    const claim = await this.payments.claim(orderId, 'refund');
    if (!claim) throw new PaymentBusyError(orderId, 'another worker is refunding it');
    try {
      const chargeReference = claim.payment.pspReference;
      if (chargeReference === null)
        throw new Error(`order ${orderId}: charged without a reference`);
      const refund = await this.provider.refund({
        idempotencyKey: orderId,
        chargeReference,
        amount: intentOf(claim.payment).amount,
      });
      const result = await this.settle.execute({
        claim,
        consumer: CONSUMERS.orderCancelled,
        delivery,
        refund,
        decide: () => ({
          status: 'REFUNDED',
          failureReason: null,
          publishes: 'payment.refunded.v1',
        }),
      });
      if (result !== 'settled') throw new PaymentBusyError(orderId, 'its claim was taken over');
      this.logger.log(`order ${orderId}: refunded`);
    } catch (error) {
      await this.payments.release(orderId, claim, 'refund').catch((releaseError: unknown) => {
        this.logger.warn(
          `order ${orderId}: claim kept until its lease ends: ${String(releaseError)}`,
        );
      });
      throw error;
    }
  }
}

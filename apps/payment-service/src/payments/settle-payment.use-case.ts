import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { OutboxRelay, SqlInbox, SqlOutboxStore, publishedJournalEntry } from '@polyshop/messaging';
import { DataSource } from 'typeorm';
import type { PspRefund } from '../psp/payment-provider';
import { intentOf, type Payment } from './domain/payment';
import type { Settlement } from './domain/payment-transitions';
import { settlementEvent } from './payment-events';
import { processed, type PaymentDelivery } from './payment-journal';
import { PaymentTimelineRepository } from './persistence/payment-timeline.repository';
import { PaymentsRepository, type Claim } from './persistence/payments.repository';

export interface SettleCommand {
  readonly claim: Claim;
  /** The event being handled, recorded in the inbox and the journal with the settlement. */
  readonly consumer: string;
  readonly delivery: PaymentDelivery;
  /** Decides the outcome from the payment as locked (its cancellation flag may be new). */
  readonly decide: (current: Payment) => Settlement | 'refund-first';
  /** The PSP's charge reference, when the claim was a charge. */
  readonly chargeReference?: string;
  /** The PSP's refund, when one was made. */
  readonly refund?: PspRefund;
}

/** `lost`: the lease ran out and another worker took the payment over; it settles it. */
export type SettleResult = 'settled' | 'lost' | 'refund-first';

/**
 * Ends a claim in one local transaction: the row locked and the claim checked, the inbox
 * record, the new status (and refund), the event in the outbox, both in the journal. The event
 * goes to the relay's fast path after the commit.
 */
@Injectable()
export class SettlePaymentUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly payments: PaymentsRepository,
    private readonly inbox: SqlInbox,
    private readonly outbox: SqlOutboxStore,
    private readonly relay: OutboxRelay,
    private readonly timeline: PaymentTimelineRepository,
  ) {}

  async execute(command: SettleCommand): Promise<SettleResult> {
    const { claim, consumer, delivery, decide, chargeReference, refund } = command;
    const { orderId } = claim.payment;
    const { result, appended } = await this.dataSource.transaction(async (manager) => {
      const current = await this.payments.lock(manager, orderId);
      if (current?.claimedBy !== claim.token) return { result: 'lost' as const, appended: [] };
      const settlement = decide(current);
      if (settlement === 'refund-first') return { result: settlement, appended: [] };
      // Never a duplicate while the claim is ours: whoever handled this event before settled
      // the payment. The PSP acted either way, so the outcome is recorded regardless.
      await this.inbox.record(manager, consumer, delivery.eventId);
      await this.payments.settle(manager, orderId, claim, {
        status: settlement.status,
        failureReason: settlement.failureReason,
        ...(chargeReference === undefined ? {} : { pspReference: chargeReference }),
      });
      const refundId = settlement.status === 'REFUNDED' ? randomUUID() : undefined;
      if (refundId !== undefined) {
        if (refund === undefined) throw new Error(`order ${orderId}: REFUNDED without a refund`);
        await this.payments.insertRefund(manager, {
          refundId,
          orderId,
          paymentId: current.paymentId,
          amount: intentOf(current).amount,
          currency: intentOf(current).currency,
          pspReference: refund.reference,
        });
      }
      const event = settlementEvent(current, settlement, refundId);
      const leased = event
        ? await this.outbox.appendLeased(manager, [event], this.relay.appendLease)
        : [];
      await this.timeline.append(manager, orderId, [
        processed(delivery),
        ...(event ? [publishedJournalEntry(event, 'payment')] : []),
      ]);
      return { result: 'settled' as const, appended: leased };
    });
    this.relay.publishCommitted(appended);
    return result;
  }
}

import { Injectable } from '@nestjs/common';
import type { OrderPlacedData } from '@polyshop/contracts';
import { SqlInbox } from '@polyshop/messaging';
import { DataSource } from 'typeorm';
import { IntentArrivals } from './intent-arrivals';
import { processed, type PaymentDelivery } from './payment-journal';
import { CONSUMERS } from './payments.consumers';
import { PaymentTimelineRepository } from './persistence/payment-timeline.repository';
import { PaymentsRepository } from './persistence/payments.repository';

/**
 * Remembers what to charge for a placed order (amount, currency, token) as a `PENDING` payment.
 * Nothing is charged until its stock is reserved. An order cancelled before this arrives keeps
 * its tombstone: the intent is ignored.
 */
@Injectable()
export class RecordIntentUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly payments: PaymentsRepository,
    private readonly inbox: SqlInbox,
    private readonly timeline: PaymentTimelineRepository,
    private readonly arrivals: IntentArrivals,
  ) {}

  async execute(order: OrderPlacedData, delivery: PaymentDelivery): Promise<void> {
    const recorded = await this.dataSource.transaction(async (manager) => {
      const inboxed = await this.inbox.record(manager, CONSUMERS.orderPlaced, delivery.eventId);
      if (inboxed === 'duplicate') return false;
      await this.payments.insertIntent(manager, order.orderId, {
        amount: order.total,
        currency: order.currency,
        paymentToken: order.paymentToken,
      });
      await this.timeline.append(manager, order.orderId, [processed(delivery)]);
      return true;
    });
    if (recorded) this.arrivals.recorded(order.orderId);
  }
}

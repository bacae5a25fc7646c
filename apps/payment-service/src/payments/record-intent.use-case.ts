import { Injectable } from '@nestjs/common';
import type { OrderPlacedData } from '@polyshop/contracts';
import { SqlInbox } from '@polyshop/messaging';
import { DataSource } from 'typeorm';
import { CONSUMERS } from './payments.consumers';
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
  ) {}

  async execute(order: OrderPlacedData, eventId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      if ((await this.inbox.record(manager, CONSUMERS.orderPlaced, eventId)) === 'duplicate')
        return;
      await this.payments.insertIntent(manager, order.orderId, {
        amount: order.total,
        currency: order.currency,
        paymentToken: order.paymentToken,
      });
    });
  }
}

import { Injectable } from '@nestjs/common';
import { durableName, type EventSubject } from '@polyshop/contracts';
import { SqlInbox } from '@polyshop/messaging';
import { DataSource } from 'typeorm';
import { ProductPricesRepository, type StatedPrice } from './product-prices.repository';

/**
 * Records a price stated by a product event in the replica (event-carried state transfer):
 * the inbox record and the upsert in one transaction; a redelivery changes nothing, and so does
 * an event older than the price held.
 */
@Injectable()
export class RecordPriceUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly inbox: SqlInbox,
    private readonly prices: ProductPricesRepository,
  ) {}

  async execute(subject: EventSubject, eventId: string, stated: StatedPrice): Promise<void> {
    const consumer = durableName('order-service', subject);
    await this.dataSource.transaction('READ COMMITTED', async (tx) => {
      if ((await this.inbox.record(tx, consumer, eventId)) === 'duplicate') return;
      await this.prices.keepNewest(tx, stated);
    });
  }
}

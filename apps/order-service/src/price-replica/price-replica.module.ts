import { Module } from '@nestjs/common';
import { OutboxInboxModule } from '../messaging/outbox-inbox.module';
import { ProductPricesEvents } from './product-prices.events';
import { ProductPricesRepository } from './product-prices.repository';
import { RecordPriceUseCase } from './record-price.use-case';

/**
 * order-service's replica of product prices (DESIGN.md section 2, event-carried state
 * transfer): orders are priced from it, so they can be placed while product-service is down.
 */
@Module({
  imports: [OutboxInboxModule],
  controllers: [ProductPricesEvents],
  providers: [ProductPricesRepository, RecordPriceUseCase],
  exports: [ProductPricesRepository],
})
export class PriceReplicaModule {}

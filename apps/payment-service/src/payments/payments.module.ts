import { Module } from '@nestjs/common';
import { OutboxInboxModule } from '../messaging/outbox-inbox.module';
import { PspModule } from '../psp/psp.module';
import { CancelPaymentUseCase } from './cancel-payment.use-case';
import { ChargePaymentUseCase } from './charge-payment.use-case';
import { PaymentsEvents } from './payments.events';
import { PaymentsRepository } from './persistence/payments.repository';
import { RecordIntentUseCase } from './record-intent.use-case';
import { SettlePaymentUseCase } from './settle-payment.use-case';

/** Payments of orders: intents, charges, cancellations and refunds. */
@Module({
  imports: [OutboxInboxModule, PspModule],
  controllers: [PaymentsEvents],
  providers: [
    PaymentsRepository,
    RecordIntentUseCase,
    ChargePaymentUseCase,
    CancelPaymentUseCase,
    SettlePaymentUseCase,
  ],
})
export class PaymentsModule {}

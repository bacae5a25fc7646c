import { Module } from '@nestjs/common';
import { OutboxInboxModule } from '../messaging/outbox-inbox.module';
import { PspModule } from '../psp/psp.module';
import { CancelPaymentUseCase } from './cancel-payment.use-case';
import { ChargePaymentUseCase } from './charge-payment.use-case';
import { IntentArrivals } from './intent-arrivals';
import { PaymentTimelineUseCase } from './payment-timeline.use-case';
import { PaymentsController } from './payments.controller';
import { PaymentsEvents } from './payments.events';
import { PaymentTimelineRepository } from './persistence/payment-timeline.repository';
import { PaymentsRepository } from './persistence/payments.repository';
import { RecordIntentUseCase } from './record-intent.use-case';
import { SagaJournalObserver } from './saga-journal.observer';
import { SettlePaymentUseCase } from './settle-payment.use-case';

/** Payments of orders: intents, charges, cancellations and refunds, and their journal. */
@Module({
  imports: [OutboxInboxModule, PspModule],
  controllers: [PaymentsEvents, PaymentsController],
  providers: [
    PaymentsRepository,
    PaymentTimelineRepository,
    IntentArrivals,
    RecordIntentUseCase,
    ChargePaymentUseCase,
    CancelPaymentUseCase,
    SettlePaymentUseCase,
    PaymentTimelineUseCase,
    SagaJournalObserver,
  ],
})
export class PaymentsModule {}

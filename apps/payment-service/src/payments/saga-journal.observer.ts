import { Injectable } from '@nestjs/common';
import { ConsumptionObservers, journalSagaDeliveries } from '@polyshop/messaging';
import { PaymentTimelineRepository } from './persistence/payment-timeline.repository';

/**
 * Puts the duplicate, retried and dead-lettered deliveries of saga events in payment-service's
 * journal; processed ones are written by the handlers, in their transactions.
 */
@Injectable()
export class SagaJournalObserver {
  constructor(observers: ConsumptionObservers, timeline: PaymentTimelineRepository) {
    journalSagaDeliveries(observers, ['DUPLICATE', 'RETRIED', 'DEAD_LETTERED'], (orderId, entry) =>
      timeline.appendAlone(orderId, [entry]),
    );
  }
}

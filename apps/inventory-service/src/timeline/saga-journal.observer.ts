import { Injectable } from '@nestjs/common';
import { ConsumptionObservers, journalSagaDeliveries } from '@polyshop/messaging';
import { JournalRepository } from './journal.repository';

/**
 * Puts the duplicate, retried and dead-lettered deliveries of saga events in the order's
 * journal; processed ones are appended by the reservation scripts themselves.
 */
@Injectable()
export class SagaJournalObserver {
  constructor(observers: ConsumptionObservers, journal: JournalRepository) {
    journalSagaDeliveries(observers, ['DUPLICATE', 'RETRIED', 'DEAD_LETTERED'], (orderId, entry) =>
      journal.append(orderId, entry),
    );
  }
}

import { Injectable } from '@nestjs/common';
import { ConsumptionObservers, journalSagaDeliveries } from '@polyshop/messaging';
import { TimelineRepository } from './persistence/timeline.repository';
import { journalRecord } from './persistence/timeline.records';

/**
 * Puts the retried and dead-lettered deliveries of saga events on the order's timeline;
 * processed and duplicate ones are journaled by the handlers, in their transactions.
 */
@Injectable()
export class SagaJournalObserver {
  constructor(observers: ConsumptionObservers, timeline: TimelineRepository) {
    journalSagaDeliveries(observers, ['RETRIED', 'DEAD_LETTERED'], (orderId, entry) =>
      timeline.appendAlone([journalRecord(orderId, entry)]),
    );
  }
}

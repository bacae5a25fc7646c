import { Logger } from '@nestjs/common';
import {
  publishedEntry,
  sagaJournalEntry,
  type ConsumptionOutcome,
  type EventSubject,
  type Producer,
  type UntimedDeliveryEntry,
} from '@polyshop/contracts';
import { errorMessage } from '@polyshop/service-runtime';
import { HEADERS } from '../publishing/headers';
import type { OutgoingEvent } from '../publishing/outgoing-event';
import type { ConsumptionObservers } from './consumption';

const logger = new Logger('SagaJournal');

/**
 * Journals the deliveries of saga events that end in one of `outcomes` on their order's
 * timeline: what a handler's own transaction cannot journal (it rolled back, skipped, or never
 * ran). Best effort: `append` is not awaited by the consumer, and a failure is only logged. The
 * appends of one order run one after the other, so that its journal keeps the order in which the
 * deliveries ended (a last retry, then its dead letter).
 */
export function journalSagaDeliveries(
  observers: ConsumptionObservers,
  outcomes: readonly ConsumptionOutcome[],
  append: (orderId: string, entry: UntimedDeliveryEntry) => Promise<unknown>,
): void {
  const pending = new Map<string, Promise<void>>();
  observers.add({
    observe(consumption) {
      if (!outcomes.includes(consumption.outcome)) return;
      const journaled = sagaJournalEntry(consumption);
      if (!journaled) return;
      const { orderId, entry } = journaled;
      const appended: Promise<void> = (pending.get(orderId) ?? Promise.resolve())
        .then(() => append(orderId, entry))
        .then(
          () => undefined,
          (error: unknown) => logger.warn(`journal of order ${orderId}: ${errorMessage(error)}`),
        )
        .finally(() => {
          if (pending.get(orderId) === appended) pending.delete(orderId);
        });
      pending.set(orderId, appended);
    },
  });
}

/**
 * The journal entry of an event `producer` appended to its outbox, caused by the event or request
 * its headers name: what a producer journals in the transaction that appends it.
 */
export const publishedJournalEntry = (event: OutgoingEvent, producer: Producer) =>
  publishedEntry({
    eventId: event.id,
    subject: event.subject as EventSubject,
    producer,
    causationId: event.headers[HEADERS.causationId] ?? null,
  });

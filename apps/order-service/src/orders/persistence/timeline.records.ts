import type {
  ConsumptionOutcome,
  DeadLetterReason,
  OrderReason,
  OrderStatus,
  UntimedDeliveryEntry,
} from '@polyshop/contracts';
import { publishedJournalEntry, type OutgoingEvent } from '@polyshop/messaging';
import type { TimelineKind } from './order-timeline.entity';

/** A row to add to `order_timeline`; its time is the database's clock at insertion. */
export interface TimelineRecord {
  readonly orderId: string;
  readonly kind: TimelineKind;
  readonly fromStatus?: OrderStatus | null;
  readonly toStatus?: OrderStatus;
  /** A transition's order reason, or a dead letter's reason. */
  readonly reason?: OrderReason | DeadLetterReason | null;
  readonly eventId?: string;
  readonly subject?: string;
  readonly producer?: string;
  readonly service?: string;
  readonly causationId?: string | null;
  readonly attempt?: number;
  readonly outcome?: ConsumptionOutcome;
  readonly detail?: string;
  readonly deadLetterSequence?: number;
}

/** The order moved from `from` (`null` when it was placed) to `to`. */
export const transitionRecord = (
  orderId: string,
  from: OrderStatus | null,
  to: OrderStatus,
  reason: OrderReason | null,
): TimelineRecord => ({ orderId, kind: 'TRANSITION', fromStatus: from, toStatus: to, reason });

/** order-service appended `event` to its outbox (published by the relay right after). */
export function publishedRecord(orderId: string, event: OutgoingEvent): TimelineRecord {
  const { eventId, subject, producer, causationId } = publishedJournalEntry(event, 'order');
  return { orderId, kind: 'PUBLISHED', eventId, subject, producer, causationId };
}

/** What order-service did with one delivery of an event about the order. */
export interface Delivery {
  readonly eventId: string;
  readonly subject: string;
  readonly attempt: number;
}

export const consumedRecord = (
  orderId: string,
  delivery: Delivery,
  outcome: ConsumptionOutcome,
  detail?: string,
): TimelineRecord => ({
  orderId,
  kind: 'CONSUMED',
  eventId: delivery.eventId,
  subject: delivery.subject,
  service: 'order-service',
  attempt: delivery.attempt,
  outcome,
  detail,
});

/**
 * A delivery the transport settled outside the handler's transaction (retried, dead-lettered),
 * as the consumption observer journals it.
 */
export function journalRecord(orderId: string, entry: UntimedDeliveryEntry): TimelineRecord {
  switch (entry.kind) {
    case 'CONSUMED':
      return { orderId, ...entry };
    case 'DEAD_LETTERED':
      return {
        orderId,
        kind: 'DEAD_LETTERED',
        eventId: entry.eventId ?? undefined,
        subject: entry.subject,
        service: entry.service,
        reason: entry.reason,
        detail: entry.detail,
        deadLetterSequence: entry.sequence,
      };
  }
}

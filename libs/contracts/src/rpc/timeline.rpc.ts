import { IsUUID } from 'class-validator';
import { COMPENSATION_SUBJECTS, isEventSubject, type EventSubject } from '../events/event-map';
import type { Producer, ServiceName } from '../services';
import type { DeadLetterReason } from '../streams';

/** How a consumer handled one delivery of an event. */
export const CONSUMPTION_OUTCOMES = ['PROCESSED', 'DUPLICATE', 'RETRIED', 'DEAD_LETTERED'] as const;
export type ConsumptionOutcome = (typeof CONSUMPTION_OUTCOMES)[number];

/** An event a saga participant published (appended to its outbox) about an order. */
export interface PublishedEntry {
  readonly kind: 'PUBLISHED';
  readonly at: string;
  readonly eventId: string;
  readonly subject: EventSubject;
  readonly producer: Producer;
  readonly causationId: string | null;
  /** True for compensations (`COMPENSATION_SUBJECTS`). */
  readonly compensation: boolean;
}

/** One delivery of an event about an order, as its consumer handled it. */
export interface ConsumedEntry {
  readonly kind: 'CONSUMED';
  readonly at: string;
  readonly eventId: string;
  readonly subject: EventSubject;
  readonly service: ServiceName;
  /** Delivery attempt, from 1. */
  readonly attempt: number;
  readonly outcome: ConsumptionOutcome;
  /** Why it had no effect (late, nothing held...) or, `RETRIED`, what failed. */
  readonly detail?: string;
}

/** A delivery about an order that its consumer gave up on (moved to the dead letters). */
export interface DeadLetteredEntry {
  readonly kind: 'DEAD_LETTERED';
  readonly at: string;
  readonly eventId: string | null;
  readonly subject: string;
  readonly service: ServiceName;
  readonly reason: DeadLetterReason;
  readonly detail: string;
  /** Its sequence in the `DEAD_LETTERS` stream (what a replay takes), when known. */
  readonly sequence?: number;
}

/** One point of a saga timeline: an event published, a delivery handled, or a dead letter. */
export type TimelineEntry = PublishedEntry | ConsumedEntry | DeadLetteredEntry;

type Untimed<T> = T extends unknown ? Omit<T, 'at'> : never;

/** A timeline entry before its store stamps it with a time. */
export type UntimedTimelineEntry = Untimed<TimelineEntry>;

const COMPENSATIONS: readonly string[] = COMPENSATION_SUBJECTS;

/** The entry of a delivery, as a consumer (or its transport) journals it. */
export type UntimedDeliveryEntry = Untimed<ConsumedEntry> | Untimed<DeadLetteredEntry>;

/** The entry of an event `producer` published (`compensation` derived from its subject). */
export const publishedEntry = (event: {
  readonly eventId: string;
  readonly subject: EventSubject;
  readonly producer: Producer;
  readonly causationId: string | null;
}): Untimed<PublishedEntry> => ({
  kind: 'PUBLISHED',
  ...event,
  compensation: COMPENSATIONS.includes(event.subject),
});

/** The entry of a delivery `service` handled (`detail` left out when there is none). */
export const consumedEntry = ({
  detail,
  ...delivery
}: Omit<ConsumedEntry, 'kind' | 'at'>): Untimed<ConsumedEntry> => ({
  kind: 'CONSUMED',
  ...delivery,
  ...(detail === undefined ? {} : { detail }),
});

/** The producers whose events make up the order saga (their `correlationId` is the order id). */
const SAGA_PRODUCERS: readonly Producer[] = ['order', 'inventory', 'payment'];

/** How a consumer settled one delivery: the fields of the messaging library's `Consumption`. */
export interface SettledDelivery {
  readonly service: ServiceName;
  readonly subject: string;
  readonly attempt: number;
  readonly outcome: ConsumptionOutcome;
  readonly envelope?: { readonly id: string; readonly correlationId: string };
  readonly reason?: DeadLetterReason;
  readonly detail?: string;
  readonly deadLetterSequence?: number;
}

/**
 * The journal entry of a settled delivery of a saga event, with the order it is about (the
 * envelope's correlation id); `null` for other events and for messages too broken to have an
 * envelope (the dead-letter list still shows those). A dead letter is one `DEAD_LETTERED` entry.
 */
export function sagaJournalEntry(
  delivery: SettledDelivery,
): { readonly orderId: string; readonly entry: UntimedDeliveryEntry } | null {
  const { envelope, subject, service, attempt, outcome, detail } = delivery;
  if (!envelope || !isEventSubject(subject)) return null;
  if (!SAGA_PRODUCERS.some((producer) => subject.startsWith(`${producer}.`))) return null;
  const entry: UntimedDeliveryEntry =
    outcome === 'DEAD_LETTERED'
      ? {
          kind: 'DEAD_LETTERED',
          eventId: envelope.id,
          subject,
          service,
          reason: delivery.reason ?? 'RETRIES_EXHAUSTED',
          detail: detail ?? '',
          ...(delivery.deadLetterSequence === undefined
            ? {}
            : { sequence: delivery.deadLetterSequence }),
        }
      : consumedEntry({ eventId: envelope.id, subject, service, attempt, outcome, detail });
  return { orderId: envelope.correlationId, entry };
}

/** `rpc.inventory.timeline`, `rpc.payments.timeline`: a participant's journal of one order. */
export class ParticipantTimelineRequest {
  @IsUUID()
  orderId!: string;
}

/** Reply of a participant's timeline call: its entries (oldest first) and its view of the order. */
export interface ParticipantTimeline<S> {
  readonly entries: readonly TimelineEntry[];
  /** The participant's current view of the order (its fields `null` when it has no record). */
  readonly state: S;
}

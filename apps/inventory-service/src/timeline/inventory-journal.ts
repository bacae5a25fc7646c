import {
  consumedEntry,
  type EventSubject,
  type TimelineEntry,
  type UntimedTimelineEntry,
} from '@polyshop/contracts';
import { publishedJournalEntry, type OutgoingEvent } from '@polyshop/messaging';
import type { InboxEntry, InventoryKeys } from '../redis/inventory-keys';

/**
 * An event being handled, as a reservation script takes it: where it records it in the inbox,
 * and its journal entry (`PROCESSED`), which the script completes with a `detail` when the event
 * has no effect.
 */
export interface HandledEvent {
  readonly inbox: InboxEntry;
  /** A JSON object ending with its closing brace (the script inserts `detail` before it). */
  readonly consumed: string;
}

/** A journal entry as stored in the order's list: stamped with the time it was built. */
export const journalItem = (entry: UntimedTimelineEntry, at = new Date()): string =>
  JSON.stringify({ at: at.toISOString(), ...entry });

/** The delivery `attempt` of event `eventId` on `subject`, about to be handled by a script. */
export function handledEvent(
  keys: InventoryKeys,
  delivery: { readonly subject: EventSubject; readonly eventId: string; readonly attempt: number },
): HandledEvent {
  return {
    inbox: keys.inbox(delivery.subject, delivery.eventId),
    consumed: journalItem(
      consumedEntry({ ...delivery, service: 'inventory-service', outcome: 'PROCESSED' }),
    ),
  };
}

/** The journal entry of an event a script appends to the outbox. */
export const publishedItem = (event: OutgoingEvent): string =>
  journalItem(publishedJournalEntry(event, 'inventory'));

/** The entries of an order's journal list. */
export const parseJournal = (items: readonly string[]): TimelineEntry[] =>
  items.map((item) => JSON.parse(item) as TimelineEntry);

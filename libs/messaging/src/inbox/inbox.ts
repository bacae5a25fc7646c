import { Logger } from '@nestjs/common';
import { markDeliveryDuplicate } from '../jetstream/consumption';

/** What recording a consumed event in the inbox found. */
export type InboxResult =
  /** First time: apply the effect in the same transaction. */
  | 'recorded'
  /** Already handled (a redelivery): skip the effect, acknowledge the message. */
  | 'duplicate';

/** An inbox whose old records can be deleted. */
export interface PurgeableInbox {
  /** Deletes records older than `retentionMs`; returns how many went. */
  purge(retentionMs: number): Promise<number>;
}

/** Longest consumer name and event id an inbox stores. */
export const INBOX_LIMITS = { consumer: 128, eventId: 64 } as const;

/** Rejects keys an inbox table would truncate (and so confuse with others). */
export function assertInboxKey(consumer: string, eventId: string): void {
  if (consumer.length === 0 || consumer.length > INBOX_LIMITS.consumer) {
    throw new Error(`inbox: consumer name must be 1-${INBOX_LIMITS.consumer} characters`);
  }
  if (eventId.length === 0 || eventId.length > INBOX_LIMITS.eventId) {
    throw new Error(`inbox: event id must be 1-${INBOX_LIMITS.eventId} characters`);
  }
}

const logger = new Logger('Inbox');

/**
 * Says that an inbox found `entry` (consumer and event id) already applied: a redelivery,
 * acknowledged without a second effect, so that the consumption is reported as `DUPLICATE`. The
 * chaos suite counts these lines as proof that its faults caused redeliveries and that the
 * inboxes absorbed them.
 */
export function noteInboxDuplicate(entry: string): void {
  markDeliveryDuplicate();
  logger.log(`duplicate ignored: ${entry} was already applied`);
}

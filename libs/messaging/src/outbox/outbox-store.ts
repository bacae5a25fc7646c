import type { OutgoingEvent } from '../publishing/outgoing-event';

/** An outbox entry the relay has leased: the event plus what the store needs to settle it. */
export interface ClaimedEvent extends OutgoingEvent {
  /** The store's handle on the entry (row sequence, stream entry id, document id). */
  readonly ref: string;
  /** How many times the entry has been claimed, this claim included (1 the first time). */
  readonly attempts: number;
  /** When the entry was appended, in epoch milliseconds on the relay's clock (for lag). */
  readonly appendedAt: number;
}

/** What an outbox holds unpublished, for the backlog metrics. */
export interface OutboxBacklog {
  /** Entries not published yet (leased ones included). */
  readonly count: number;
  /** When the oldest of them was appended, in epoch milliseconds; `null` when there is none. */
  readonly oldestAppendedAt: number | null;
}

/**
 * The relay's view of one service's outbox, whatever the store. Every method is safe with
 * several relay replicas on the same outbox: an entry is leased to one owner at a time, and a
 * lease that is not settled (the owner died) expires so that another replica takes it over.
 */
export interface OutboxStore {
  /**
   * Leases up to `limit` unpublished entries, oldest first, whose lease is free or expired,
   * to `owner` for `leaseMs`.
   */
  claim(limit: number, owner: string, leaseMs: number): Promise<ClaimedEvent[]>;
  /** Records that the broker stored these events; they are never claimed again. */
  markPublished(events: readonly ClaimedEvent[]): Promise<void>;
  /**
   * Gives back entries that failed to publish: they may be claimed again (by any replica)
   * once `retryAfterMs` has passed.
   */
  release(events: readonly ClaimedEvent[], owner: string, retryAfterMs: number): Promise<void>;
  /** Deletes entries published more than `retentionMs` ago; returns how many went. */
  purgePublished(retentionMs: number): Promise<number>;
  /** How many entries wait to be published and since when (read-only, for scrapes). */
  backlog(): Promise<OutboxBacklog>;
}

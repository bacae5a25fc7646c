import { REDIS_INBOX_TTL_SECONDS } from '@polyshop/messaging';

/**
 * How long a settled reservation record (committed, released, rejected) and a cancellation
 * tombstone are kept: as long as JetStream keeps the events (7 days), so that no replay of
 * `order.placed.v1` can reserve again for an order that inventory already dealt with.
 */
export const ORDER_RECORD_TTL_SECONDS = REDIS_INBOX_TTL_SECONDS;

/** How often the expiry sweeper looks for reservations past their deadline. */
export const EXPIRY_SWEEP_INTERVAL_MS = 1_000;

/** Most expired reservations one sweep releases; the next sweep takes the rest. */
export const EXPIRY_SWEEP_BATCH = 100;

/** Reads of a reservation record before a settle gives up (each retry follows a change). */
export const SETTLE_MAX_ATTEMPTS = 5;

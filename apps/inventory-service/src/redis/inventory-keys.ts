import { durableName, type EventSubject } from '@polyshop/contracts';
import { REDIS_INBOX_TTL_SECONDS, redisInboxKey } from '@polyshop/messaging';

/** Where a script records that it applied an event: key and TTL for `REDIS_INBOX_LUA`. */
export interface InboxEntry {
  readonly key: string;
  readonly ttlSeconds: number;
}

/** The prefix of every key unless `INVENTORY_KEY_PREFIX` says otherwise. */
export const DEFAULT_KEY_PREFIX = 'inventory:';

/**
 * inventory-service's Redis key layout. Every key starts with the prefix (`inventory:` unless
 * `INVENTORY_KEY_PREFIX` sets another, e.g. to share a managed Redis, or for a test suite of its
 * own). Nothing to migrate: scripts create keys as they go.
 *
 * - `<prefix>stock:<productId>`, hash: `available reserved sold initial adjustments`
 *   (integers, see `StockLevels`); never expires. Invariant kept by the scripts, each checking
 *   before it writes: `available + reserved + sold = initial + adjustments`, none of the first
 *   three negative.
 * - `<prefix>reservation:<orderId>`, hash: `state` (`ReservationState`), `items` (JSON
 *   `[{productId, quantity}]`, one line per product), `expiresAt` (epoch ms), `reason` (of a
 *   release or rejection). Expires `ORDER_RECORD_TTL_SECONDS` after it leaves `HELD`, counted
 *   again when `order.cancelled.v1` releases a `COMMITTED` one; a `CANCELLED` tombstone likewise.
 * - `<prefix>reservation-deadlines`, sorted set: order ids of `HELD` reservations scored by
 *   `expiresAt`, the expiry sweeper's work list; a member leaves when its reservation settles.
 * - `<prefix>inbox:<durable>:<eventId>`, string `1`: the event was applied
 *   (`REDIS_INBOX_LUA`); expires after `REDIS_INBOX_TTL_SECONDS` (7 days).
 * - `<prefix>outbox`, stream: events appended by the scripts (`REDIS_OUTBOX_LUA`), read by the
 *   relays' consumer group `outbox-relay`; an entry is deleted once published.
 * - `<prefix>timeline:<orderId>`, list: the order's saga journal, one JSON `TimelineEntry` per
 *   item, oldest first; appended by the reservation scripts (what they consumed and published)
 *   and by the consumption observer (duplicates, retries, dead letters); expires
 *   `ORDER_RECORD_TTL_SECONDS` after its last append.
 */
export class InventoryKeys {
  readonly outbox: string;
  readonly deadlines: string;

  constructor(readonly prefix: string = DEFAULT_KEY_PREFIX) {
    this.outbox = `${prefix}outbox`;
    this.deadlines = `${prefix}reservation-deadlines`;
  }

  /** The stock hash of a product. */
  stock(productId: string): string {
    return `${this.prefix}stock:${productId}`;
  }

  /** The reservation record of an order (also its tombstone or rejection marker). */
  reservation(orderId: string): string {
    return `${this.prefix}reservation:${orderId}`;
  }

  /** The saga journal of an order. */
  timeline(orderId: string): string {
    return `${this.prefix}timeline:${orderId}`;
  }

  /** The inbox entry of an event consumed by inventory-service's durable for `subject`. */
  inbox(subject: EventSubject, eventId: string): InboxEntry {
    return {
      key: redisInboxKey(this.prefix, durableName('inventory-service', subject), eventId),
      ttlSeconds: REDIS_INBOX_TTL_SECONDS,
    };
  }
}

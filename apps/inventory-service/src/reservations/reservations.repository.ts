import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { StockReleaseReason } from '@polyshop/contracts';
import { noteInboxDuplicate, redisOutboxArgs, type OutgoingEvent } from '@polyshop/messaging';
import type Redis from 'ioredis';
import { InventoryKeys, type InboxEntry } from '../redis/inventory-keys';
import { publishedItem, type HandledEvent } from '../timeline/inventory-journal';
import { preloadScripts } from '../redis/lua-script';
import { REDIS } from '../redis/redis.constants';
import {
  RESERVATION_FIELDS,
  encodeItems,
  parseReservationRecord,
  releasable,
  type ReservationRecord,
  type ReservedItem,
} from './reservation';
import {
  parseReserveReply,
  parseSettleReply,
  type ReserveOutcome,
  type SettleOutcome,
} from './reservation-outcomes';
import { COMMIT_SCRIPT, RELEASE_SCRIPT, RESERVE_SCRIPT } from './reservation.scripts';
import { ORDER_RECORD_TTL_SECONDS } from './reservations.constants';

/** Logs a script's `duplicate` outcome the way the library's inboxes do. */
function noteDuplicate<T extends { kind: string }>(outcome: T, inbox: InboxEntry | null): T {
  if (outcome.kind === 'duplicate' && inbox !== null) noteInboxDuplicate(inbox.key);
  return outcome;
}

export interface ReserveCommand {
  readonly orderId: string;
  /** One line per product (`mergeItems`). */
  readonly items: readonly ReservedItem[];
  readonly expiresAt: Date;
  readonly handled: HandledEvent;
  readonly reserved: OutgoingEvent;
  /** Reservation-failed templates (`reservationFailedTemplate`), one per reason. */
  readonly outOfStock: OutgoingEvent;
  readonly unknownProduct: OutgoingEvent;
}

export interface CommitCommand {
  readonly orderId: string;
  /** The record as read just before; the script refuses it as stale if it changed since. */
  readonly read: ReservationRecord | null;
  readonly handled: HandledEvent;
}

export interface ReleaseCommand extends Omit<CommitCommand, 'handled'> {
  /** `null` when no event is being handled (the expiry sweeper). */
  readonly handled: HandledEvent | null;
  /** The stock-released event, when `read` is `releasable`. */
  readonly released: OutgoingEvent | null;
  readonly reason: StockReleaseReason;
  /**
   * The release is the order's cancellation (`order.cancelled.v1`): a committed reservation is
   * given back too, and an order without any record gets a `CANCELLED` tombstone.
   */
  readonly orderCancelled: boolean;
  /** Release only if the reservation's deadline is at or before this time. */
  readonly dueBy: Date | null;
}

const heldItems = (read: ReservationRecord | null): readonly ReservedItem[] =>
  read?.state === 'HELD' ? read.items : [];

/**
 * Reservation records and their scripts (`reservation.scripts.ts`): every change of a
 * reservation, with the stock it holds, the inbox record, the events and their journal entries,
 * is one script.
 */
@Injectable()
export class ReservationsRepository implements OnApplicationBootstrap {
  private readonly logger = new Logger(ReservationsRepository.name);

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly keys: InventoryKeys,
  ) {}

  onApplicationBootstrap(): Promise<void> {
    return preloadScripts(this.redis, [RESERVE_SCRIPT, COMMIT_SCRIPT, RELEASE_SCRIPT], this.logger);
  }

  /** The order's record, or `null` when inventory has none. */
  async read(orderId: string): Promise<ReservationRecord | null> {
    return parseReservationRecord(
      await this.redis.hmget(this.keys.reservation(orderId), ...RESERVATION_FIELDS),
    );
  }

  async reserve(command: ReserveCommand): Promise<ReserveOutcome> {
    const { orderId, items, expiresAt, handled, reserved, outOfStock, unknownProduct } = command;
    const { inbox } = handled;
    const template = (event: OutgoingEvent) => redisOutboxArgs([event]).slice(1);
    const reply = await RESERVE_SCRIPT.run(
      this.redis,
      [
        inbox.key,
        this.keys.outbox,
        this.keys.reservation(orderId),
        this.keys.deadlines,
        this.keys.timeline(orderId),
        ...items.map((item) => this.keys.stock(item.productId)),
      ],
      [
        inbox.ttlSeconds,
        orderId,
        expiresAt.getTime(),
        encodeItems(items),
        ORDER_RECORD_TTL_SECONDS,
        ...items.flatMap((item) => [item.productId, item.quantity]),
        ...redisOutboxArgs([reserved]),
        ...template(outOfStock),
        ...template(unknownProduct),
        handled.consumed,
        ...[reserved, outOfStock, unknownProduct].map(publishedItem),
      ],
    );
    return noteDuplicate(parseReserveReply(reply), inbox);
  }

  async commit({ orderId, read, handled }: CommitCommand): Promise<SettleOutcome> {
    const { inbox } = handled;
    const items = heldItems(read);
    const reply = await COMMIT_SCRIPT.run(
      this.redis,
      [
        inbox.key,
        this.keys.reservation(orderId),
        this.keys.deadlines,
        this.keys.timeline(orderId),
        ...items.map((item) => this.keys.stock(item.productId)),
      ],
      [
        inbox.ttlSeconds,
        orderId,
        read?.state === 'HELD' ? read.itemsJson : '',
        ORDER_RECORD_TTL_SECONDS,
        ...items.map((item) => item.quantity),
        handled.consumed,
      ],
    );
    return noteDuplicate(parseSettleReply('commit', reply), inbox);
  }

  async release(command: ReleaseCommand): Promise<SettleOutcome> {
    const { orderId, read, released, reason, orderCancelled, dueBy } = command;
    const releasing = releasable(read, orderCancelled);
    const items = releasing?.items ?? [];
    if (items.length > 0 && released === null) {
      throw new Error(`releasing order ${orderId}'s reservation needs its stock-released event`);
    }
    // No event handled: TTL '0', on a key the script then never writes.
    const { handled } = command;
    const inbox = handled
      ? { key: handled.inbox.key, ttl: String(handled.inbox.ttlSeconds) }
      : { key: this.keys.reservation(orderId), ttl: '0' };
    const reply = await RELEASE_SCRIPT.run(
      this.redis,
      [
        inbox.key,
        this.keys.outbox,
        this.keys.reservation(orderId),
        this.keys.deadlines,
        this.keys.timeline(orderId),
        ...items.map((item) => this.keys.stock(item.productId)),
      ],
      [
        inbox.ttl,
        orderId,
        releasing?.itemsJson ?? '',
        ORDER_RECORD_TTL_SECONDS,
        orderCancelled ? '1' : '0',
        reason,
        dueBy === null ? '' : dueBy.getTime(),
        ...items.map((item) => item.quantity),
        handled?.consumed ?? '',
        released === null ? '' : publishedItem(released),
        ...redisOutboxArgs(released === null ? [] : [released]),
      ],
    );
    return noteDuplicate(parseSettleReply('release', reply), handled?.inbox ?? null);
  }

  /** Orders whose held reservation's deadline is at or before `now`, oldest first. */
  async dueOrders(now: Date, limit: number): Promise<string[]> {
    return this.redis.zrangebyscore(this.keys.deadlines, '-inf', now.getTime(), 'LIMIT', 0, limit);
  }
}

import { Inject, Injectable } from '@nestjs/common';
import type { InventoryOrderState, TimelineEntry, UntimedTimelineEntry } from '@polyshop/contracts';
import type Redis from 'ioredis';
import { InventoryKeys } from '../redis/inventory-keys';
import { REDIS } from '../redis/redis.constants';
import { parseReservationRecord } from '../reservations/reservation';
import { ORDER_RECORD_TTL_SECONDS } from '../reservations/reservations.constants';
import { journalItem, parseJournal } from './inventory-journal';

/**
 * Reads an order's saga journal (`<prefix>timeline:<orderId>`) with its reservation record, and
 * appends what the reservation scripts do not write themselves.
 */
@Injectable()
export class JournalRepository {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly keys: InventoryKeys,
  ) {}

  /** Appends `entry`, stamped now, and pushes the journal's expiry back. */
  async append(orderId: string, entry: UntimedTimelineEntry): Promise<void> {
    const key = this.keys.timeline(orderId);
    await this.redis
      .multi()
      .rpush(key, journalItem(entry))
      .expire(key, ORDER_RECORD_TTL_SECONDS)
      .exec();
  }

  /** The order's journal, oldest first, and its reservation as inventory holds it now. */
  async read(orderId: string): Promise<{ entries: TimelineEntry[]; state: InventoryOrderState }> {
    const [journal, fields] = await Promise.all([
      this.redis.lrange(this.keys.timeline(orderId), 0, -1),
      this.redis.hmget(this.keys.reservation(orderId), 'state', 'items', 'expiresAt', 'reason'),
    ]);
    const [state, items, expiresAt, reason] = fields;
    const record = parseReservationRecord([state, items]);
    return {
      entries: parseJournal(journal),
      state: {
        reservation: record?.state ?? null,
        reason,
        items: record?.items ?? [],
        expiresAt:
          record?.state === 'HELD' && expiresAt !== null
            ? new Date(Number(expiresAt)).toISOString()
            : null,
      },
    };
  }
}

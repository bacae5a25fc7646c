import { Injectable } from '@nestjs/common';
import type { TimelineEntry, UntimedTimelineEntry } from '@polyshop/contracts';
import { DataSource, type EntityManager } from 'typeorm';

/**
 * Table `payment_timeline`: payment-service's journal of each order, appended in the
 * transaction of what it records (one INSERT per step), stamped with the database's clock.
 */
@Injectable()
export class PaymentTimelineRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Adds `entries` in this order, with `manager`, the transaction of what they record. */
  async append(
    manager: EntityManager,
    orderId: string,
    entries: readonly UntimedTimelineEntry[],
  ): Promise<void> {
    if (entries.length === 0) return;
    await manager.query(
      `INSERT INTO payment_timeline (order_id, entry) VALUES ${entries
        .map((_, i) => `($1, $${i + 2}::jsonb)`)
        .join(', ')}`,
      [orderId, ...entries.map((entry) => JSON.stringify(entry))],
    );
  }

  /** Adds `entries` on their own (what no transaction of ours covers: retries, dead letters). */
  appendAlone(orderId: string, entries: readonly UntimedTimelineEntry[]): Promise<void> {
    return this.append(this.dataSource.manager, orderId, entries);
  }

  /** The order's entries, oldest first. */
  async listOf(orderId: string): Promise<TimelineEntry[]> {
    const rows: { at: Date; entry: UntimedTimelineEntry }[] = await this.dataSource.query(
      'SELECT at, entry FROM payment_timeline WHERE order_id = $1 ORDER BY seq',
      [orderId],
    );
    return rows.map(({ at, entry }) => ({ ...entry, at: at.toISOString() }));
  }
}

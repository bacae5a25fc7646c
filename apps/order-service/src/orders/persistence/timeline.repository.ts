import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { NOW } from '../../database/sql-results';
import { OrderTimelineEntity } from './order-timeline.entity';
import type { TimelineRecord } from './timeline.records';

const COLUMNS = [
  'order_id',
  'kind',
  'from_status',
  'to_status',
  'reason',
  'event_id',
  'subject',
  'producer',
  'service',
  'causation_id',
  'attempt',
  'outcome',
  'detail',
  'dead_letter_sequence',
] as const;

const valuesOf = (r: TimelineRecord): unknown[] => [
  r.orderId,
  r.kind,
  r.fromStatus ?? null,
  r.toStatus ?? null,
  r.reason ?? null,
  r.eventId ?? null,
  r.subject ?? null,
  r.producer ?? null,
  r.service ?? null,
  r.causationId ?? null,
  r.attempt ?? null,
  r.outcome ?? null,
  r.detail ?? null,
  r.deadLetterSequence ?? null,
];

/** The `order_timeline` table: appended in the transaction of what it records, read in order. */
@Injectable()
export class TimelineRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Adds `records` in this order, with `tx`, the transaction of what they record. */
  async append(tx: EntityManager, records: readonly TimelineRecord[]): Promise<void> {
    if (records.length === 0) return;
    const row = `(${NOW}, ${COLUMNS.map(() => '?').join(', ')})`;
    await tx.query(
      `INSERT INTO order_timeline (at, ${COLUMNS.join(', ')}) VALUES ${records.map(() => row).join(', ')}`,
      records.flatMap(valuesOf),
    );
  }

  /** Adds `records` on their own (what no transaction of ours covers: retries, dead letters). */
  appendAlone(records: readonly TimelineRecord[]): Promise<void> {
    return this.append(this.dataSource.manager, records);
  }

  /** Every row of an order, oldest first. */
  listOf(orderId: string): Promise<OrderTimelineEntity[]> {
    return this.dataSource.manager.find(OrderTimelineEntity, {
      where: { orderId },
      order: { seq: 'ASC' },
    });
  }
}

import { Injectable } from '@nestjs/common';
import {
  COMPENSATION_SUBJECTS,
  isEventSubject,
  type ConsumptionOutcome,
  type EventSubject,
  type OrderReason,
  type OrderStatus,
  type OrderTimeline,
  type Producer,
  type RequesterDto,
  type ServiceName,
  type TimelineEntry,
} from '@polyshop/contracts';
import { OrderNotFoundError } from './domain/order.errors';
import { mayRead } from './get-order.use-case';
import type { OrderTimelineEntity } from './persistence/order-timeline.entity';
import { OrdersRepository } from './persistence/orders.repository';
import { TimelineRepository } from './persistence/timeline.repository';

/** A status change of the order, oldest first; `from` is `null` for the placement. */
export interface OrderTransitionView {
  readonly at: string;
  readonly from: OrderStatus | null;
  readonly to: OrderStatus;
  readonly reason: OrderReason | null;
}

/**
 * The reply of `rpc.orders.timeline`: the contract's `OrderTimeline` plus `transitions`, which
 * `TimelineEntry` has no kind for yet (an additive field; see the report to the lead).
 */
export interface OrderTimelineReply extends OrderTimeline {
  readonly transitions: readonly OrderTransitionView[];
}

const COMPENSATIONS: readonly string[] = COMPENSATION_SUBJECTS;

function toEntry(row: OrderTimelineEntity): TimelineEntry | null {
  if (row.eventId === null || row.subject === null || !isEventSubject(row.subject)) return null;
  const at = row.at.toISOString();
  const subject: EventSubject = row.subject;
  switch (row.kind) {
    case 'PUBLISHED':
      return {
        kind: 'PUBLISHED',
        at,
        eventId: row.eventId,
        subject,
        producer: row.producer as Producer,
        causationId: row.causationId,
        compensation: COMPENSATIONS.includes(subject),
      };
    case 'CONSUMED':
      return {
        kind: 'CONSUMED',
        at,
        eventId: row.eventId,
        subject,
        service: row.service as ServiceName,
        attempt: row.attempt ?? 1,
        outcome: row.outcome as ConsumptionOutcome,
      };
    case 'TRANSITION':
      return null;
  }
}

/**
 * The saga timeline of one order (`rpc.orders.timeline`), owner or admin: what order-service
 * published and consumed about it, and its transitions, from its `order_timeline` rows.
 */
@Injectable()
export class OrderTimelineUseCase {
  constructor(
    private readonly orders: OrdersRepository,
    private readonly timeline: TimelineRepository,
  ) {}

  async execute(orderId: string, requester: RequesterDto): Promise<OrderTimelineReply> {
    const order = await this.orders.find(orderId);
    if (!order || !mayRead(order.userId, requester)) throw new OrderNotFoundError(orderId);
    const rows = await this.timeline.listOf(orderId);
    return {
      orderId,
      status: order.status,
      entries: rows.map(toEntry).filter((entry) => entry !== null),
      transitions: rows
        .filter((row) => row.kind === 'TRANSITION')
        .map((row) => ({
          at: row.at.toISOString(),
          from: row.fromStatus as OrderStatus | null,
          to: row.toStatus as OrderStatus,
          reason: row.reason as OrderReason | null,
        })),
    };
  }
}

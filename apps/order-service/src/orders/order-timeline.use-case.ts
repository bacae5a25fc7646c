import { Injectable } from '@nestjs/common';
import {
  consumedEntry,
  isEventSubject,
  publishedEntry,
  type ConsumptionOutcome,
  type DeadLetterReason,
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

function toEntry(row: OrderTimelineEntity): TimelineEntry | null {
  if (row.subject === null) return null;
  const at = row.at.toISOString();
  const service = row.service as ServiceName;
  if (row.kind === 'DEAD_LETTERED') {
    return {
      kind: 'DEAD_LETTERED',
      at,
      eventId: row.eventId,
      subject: row.subject,
      service,
      reason: row.reason as DeadLetterReason,
      detail: row.detail ?? '',
      ...(row.deadLetterSequence === null ? {} : { sequence: row.deadLetterSequence }),
    };
  }
  if (row.eventId === null || !isEventSubject(row.subject)) return null;
  const { eventId, subject } = row;
  switch (row.kind) {
    case 'PUBLISHED':
      return {
        at,
        ...publishedEntry({
          eventId,
          subject,
          producer: row.producer as Producer,
          causationId: row.causationId,
        }),
      };
    case 'CONSUMED':
      return {
        at,
        ...consumedEntry({
          eventId,
          subject,
          service,
          attempt: row.attempt ?? 1,
          outcome: row.outcome as ConsumptionOutcome,
          detail: row.detail ?? undefined,
        }),
      };
    case 'TRANSITION':
      return null;
  }
}

/**
 * order-service's part of the saga timeline of one order (`rpc.orders.timeline`), owner or
 * admin: what it published and consumed about it, its dead letters and its transitions, from
 * its `order_timeline` rows, plus its current view of the order.
 */
@Injectable()
export class OrderTimelineUseCase {
  constructor(
    private readonly orders: OrdersRepository,
    private readonly timeline: TimelineRepository,
  ) {}

  async execute(orderId: string, requester: RequesterDto): Promise<OrderTimeline> {
    const order = await this.orders.find(orderId);
    if (!order || !mayRead(order.userId, requester)) throw new OrderNotFoundError(orderId);
    const rows = await this.timeline.listOf(orderId);
    return {
      orderId,
      status: order.status,
      reason: order.reason,
      placedAt: order.createdAt.toISOString(),
      state: {
        status: order.status,
        reason: order.reason,
        total: order.total,
        currency: order.currency,
      },
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

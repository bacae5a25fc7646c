import { Injectable } from '@nestjs/common';
import type { OrderStatus } from '@polyshop/contracts';
import {
  OutboxRelay,
  SqlOutboxStore,
  createOutgoingEvent,
  type ClaimedEvent,
  type OutgoingEvent,
} from '@polyshop/messaging';
import type { EntityManager } from 'typeorm';
import {
  ruleFor,
  type Announcement,
  type OrderTrigger,
  type TransitionRule,
} from './domain/order-state-machine';
import { OrdersRepository, type TransitionedOrder } from './persistence/orders.repository';
import { TimelineRepository } from './persistence/timeline.repository';
import {
  publishedRecord,
  transitionRecord,
  type TimelineRecord,
} from './persistence/timeline.records';

/**
 * A transition that happened, with the event announcing it (in the outbox, leased for the
 * relay's fast path).
 */
export interface AppliedTransition {
  readonly order: TransitionedOrder;
  readonly from: OrderStatus;
  readonly rule: TransitionRule;
  readonly events: readonly ClaimedEvent[];
}

/**
 * Moves one order on a trigger inside the caller's transaction (that of its inbox record, its
 * lock, ...): one conditional UPDATE, then the announcing event into the outbox and both onto
 * the timeline. `null` when the order is not in a status the trigger applies to: a late
 * trigger, acknowledged without effect. `cause` (the consumption of the event behind it) goes
 * on the timeline just before the transition. The caller hands the events to the relay's
 * `publishCommitted` after its commit.
 */
@Injectable()
export class TransitionOrderUseCase {
  constructor(
    private readonly orders: OrdersRepository,
    private readonly timeline: TimelineRepository,
    private readonly outbox: SqlOutboxStore,
    private readonly relay: OutboxRelay,
  ) {}

  async execute(
    tx: EntityManager,
    orderId: string,
    trigger: OrderTrigger,
    cause?: TimelineRecord,
  ): Promise<AppliedTransition | null> {
    const rule = ruleFor(trigger);
    if (!(await this.orders.transition(tx, orderId, rule))) return null;
    const order = await this.orders.transitioned(tx, orderId);
    if (!order?.previousStatus) throw new Error(`order ${orderId} vanished during its transition`);
    const from = order.previousStatus;
    const events = rule.announces
      ? await this.outbox.appendLeased(
          tx,
          [announcementOf(rule.announces, order, from)],
          this.relay.appendLease,
        )
      : [];
    await this.timeline.append(tx, [
      ...(cause ? [cause] : []),
      transitionRecord(orderId, from, rule.to, rule.reason),
      ...events.map((event) => publishedRecord(orderId, event)),
    ]);
    return { order, from, rule, events };
  }
}

/** The saga event of a transition; the order id is its correlation id. */
function announcementOf(
  announcement: Announcement,
  order: TransitionedOrder,
  previousStatus: OrderStatus,
): OutgoingEvent {
  const options = { correlationId: order.id };
  switch (announcement.subject) {
    case 'order.confirmed.v1':
      return createOutgoingEvent(
        announcement.subject,
        { orderId: order.id, total: order.total, currency: order.currency },
        options,
      );
    case 'order.cancelled.v1':
      return createOutgoingEvent(
        announcement.subject,
        { orderId: order.id, reason: announcement.reason, previousStatus },
        options,
      );
  }
}

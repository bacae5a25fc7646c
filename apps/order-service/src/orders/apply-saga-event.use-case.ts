import { Injectable, Logger } from '@nestjs/common';
import { durableName, type EventSubject } from '@polyshop/contracts';
import { OutboxRelay, SqlInbox } from '@polyshop/messaging';
import { DataSource, type EntityManager } from 'typeorm';
import type { OrderTrigger } from './domain/order-state-machine';
import { OrdersRepository } from './persistence/orders.repository';
import { TimelineRepository } from './persistence/timeline.repository';
import { consumedRecord, type Delivery } from './persistence/timeline.records';
import { SagaOutcomeMetrics } from './saga-outcome.metrics';
import { TransitionOrderUseCase } from './transition-order.use-case';

/** A delivery of a saga event about one order. */
export interface SagaDelivery extends Delivery {
  readonly subject: EventSubject;
  readonly orderId: string;
}

/**
 * Applies an inbound saga event (stock reserved or not, payment succeeded or failed): the inbox
 * record, the transition, its outgoing event and the timeline rows in ONE transaction, then the
 * relay's fast path. A redelivery is a no-op; an event that finds the order past the statuses
 * it applies to (docs/saga.md, races) is acknowledged without effect; an event about an order
 * this service does not have is acknowledged and ignored (an order exists before its first saga
 * event is published, so such an event belongs to no order of ours).
 */
@Injectable()
export class ApplySagaEventUseCase {
  private readonly logger = new Logger(ApplySagaEventUseCase.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly inbox: SqlInbox,
    private readonly relay: OutboxRelay,
    private readonly orders: OrdersRepository,
    private readonly timeline: TimelineRepository,
    private readonly transitionOrder: TransitionOrderUseCase,
    private readonly sagaMetrics: SagaOutcomeMetrics,
  ) {}

  async execute(delivery: SagaDelivery, trigger: OrderTrigger): Promise<void> {
    const consumer = durableName('order-service', delivery.subject);
    const applied = await this.dataSource.transaction('READ COMMITTED', async (tx) => {
      if ((await this.inbox.record(tx, consumer, delivery.eventId)) === 'duplicate') {
        await this.recordWithoutEffect(tx, delivery, 'duplicate delivery');
        return null;
      }
      const cause = consumedRecord(delivery.orderId, delivery, 'PROCESSED');
      const transition = await this.transitionOrder.execute(tx, delivery.orderId, trigger, cause);
      if (!transition) await this.recordWithoutEffect(tx, delivery, 'late');
      return transition;
    });
    if (!applied) return;
    this.sagaMetrics.recordCommitted([applied]);
    this.relay.publishCommitted(applied.events);
  }

  private async recordWithoutEffect(
    tx: EntityManager,
    delivery: SagaDelivery,
    why: 'late' | 'duplicate delivery',
  ): Promise<void> {
    const { orderId, subject, eventId } = delivery;
    const order = await this.orders.findIn(tx, orderId);
    if (!order) {
      this.logger.warn(`${subject} ${eventId}: no order ${orderId} here, ignored`);
      return;
    }
    this.logger.log(`${subject} ${eventId}: ${why}, order ${orderId} is ${order.status}`);
    const record =
      why === 'late'
        ? consumedRecord(orderId, delivery, 'PROCESSED', `no effect: the order was ${order.status}`)
        : consumedRecord(orderId, delivery, 'DUPLICATE');
    await this.timeline.append(tx, [record]);
  }
}

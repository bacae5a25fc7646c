import { Injectable } from '@nestjs/common';
import type { OrderAccepted, RequesterDto } from '@polyshop/contracts';
import { OutboxRelay } from '@polyshop/messaging';
import { DataSource } from 'typeorm';
import { OrderAlreadyTerminalError, OrderNotFoundError } from './domain/order.errors';
import { OrdersRepository } from './persistence/orders.repository';
import { SagaOutcomeMetrics } from './saga-outcome.metrics';
import { TransitionOrderUseCase } from './transition-order.use-case';

/**
 * The owner cancels an order (`rpc.orders.cancel`): `CANCELLED` with `CANCELLED_BY_USER` and
 * `order.cancelled.v1`, so that inventory releases and payment refunds whatever they hold.
 * Only the owner may (an admin gets `ORDER.NOT_FOUND` like anyone else); a terminal order,
 * including one that became terminal while this ran, answers `ORDER.ALREADY_TERMINAL`.
 */
@Injectable()
export class CancelOrderUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly orders: OrdersRepository,
    private readonly transitionOrder: TransitionOrderUseCase,
    private readonly relay: OutboxRelay,
    private readonly sagaMetrics: SagaOutcomeMetrics,
  ) {}

  async execute(orderId: string, requester: RequesterDto): Promise<OrderAccepted> {
    const applied = await this.dataSource.transaction('READ COMMITTED', async (tx) => {
      const order = await this.orders.findIn(tx, orderId);
      if (!order || order.userId !== requester.userId) throw new OrderNotFoundError(orderId);
      const transition = await this.transitionOrder.execute(tx, orderId, {
        kind: 'CANCELLED_BY_USER',
      });
      if (!transition) {
        const now = await this.orders.findIn(tx, orderId);
        throw new OrderAlreadyTerminalError(orderId, now?.status ?? order.status);
      }
      return transition;
    });
    this.sagaMetrics.recordCommitted([applied]);
    this.relay.publishCommitted(applied.events);
    return { id: orderId, status: applied.rule.to };
  }
}

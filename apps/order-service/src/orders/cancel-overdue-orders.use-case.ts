import { Injectable } from '@nestjs/common';
import { OutboxRelay } from '@polyshop/messaging';
import { DataSource } from 'typeorm';
import { LIVE_ORDER_STATUSES } from './domain/order-state-machine';
import { OrdersRepository } from './persistence/orders.repository';
import { SagaOutcomeMetrics } from './saga-outcome.metrics';
import { TransitionOrderUseCase, type AppliedTransition } from './transition-order.use-case';

/** Orders cancelled per transaction by one pass of the deadline sweeper. */
export const OVERDUE_BATCH_SIZE = 100;

/**
 * One pass of the saga deadline: claims up to a batch of live orders past their deadline
 * (`FOR UPDATE SKIP LOCKED`, so replicas sweeping at once take different orders and never wait
 * on a handler's row) and cancels each with `TIMEOUT` and `order.cancelled.v1`, all in one
 * transaction. Returns how many it cancelled.
 */
@Injectable()
export class CancelOverdueOrdersUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly orders: OrdersRepository,
    private readonly transitionOrder: TransitionOrderUseCase,
    private readonly relay: OutboxRelay,
    private readonly sagaMetrics: SagaOutcomeMetrics,
  ) {}

  async execute(limit = OVERDUE_BATCH_SIZE): Promise<number> {
    const cancelled = await this.dataSource.transaction('READ COMMITTED', async (tx) => {
      const due = await this.orders.lockOverdue(tx, LIVE_ORDER_STATUSES, limit);
      const applied: AppliedTransition[] = [];
      for (const orderId of due) {
        const transition = await this.transitionOrder.execute(tx, orderId, {
          kind: 'DEADLINE_PASSED',
        });
        if (transition) applied.push(transition);
      }
      return applied;
    });
    this.sagaMetrics.recordCommitted(cancelled);
    this.relay.publishCommitted(cancelled.flatMap((applied) => applied.events));
    return cancelled.length;
  }
}

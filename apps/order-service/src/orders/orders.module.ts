import { Module } from '@nestjs/common';
import { OutboxInboxModule } from '../messaging/outbox-inbox.module';
import { PriceReplicaModule } from '../price-replica/price-replica.module';
import { ApplySagaEventUseCase } from './apply-saga-event.use-case';
import { CancelOrderUseCase } from './cancel-order.use-case';
import { CancelOverdueOrdersUseCase } from './cancel-overdue-orders.use-case';
import { GetOrderUseCase } from './get-order.use-case';
import { ListAllOrdersUseCase } from './list-all-orders.use-case';
import { ListMyOrdersUseCase } from './list-my-orders.use-case';
import { OrderSagaEvents } from './order-saga.events';
import { OrderTimelineUseCase } from './order-timeline.use-case';
import { OrdersController } from './orders.controller';
import { OrdersRepository } from './persistence/orders.repository';
import { TimelineRepository } from './persistence/timeline.repository';
import { PlaceOrderUseCase } from './place-order.use-case';
import { SagaJournalObserver } from './saga-journal.observer';
import { SagaStatsUseCase } from './saga-stats.use-case';
import { SagaDeadlineSweeper } from './saga-deadline.sweeper';
import { SagaOutcomeMetrics } from './saga-outcome.metrics';
import { TransitionOrderUseCase } from './transition-order.use-case';

/**
 * Orders: placement, reads, cancellation, the saga's state machine and its deadline, its
 * timeline, and the console's listing and counts.
 */
@Module({
  imports: [OutboxInboxModule, PriceReplicaModule],
  controllers: [OrdersController, OrderSagaEvents],
  providers: [
    OrdersRepository,
    TimelineRepository,
    TransitionOrderUseCase,
    PlaceOrderUseCase,
    GetOrderUseCase,
    ListMyOrdersUseCase,
    CancelOrderUseCase,
    OrderTimelineUseCase,
    ListAllOrdersUseCase,
    SagaStatsUseCase,
    SagaJournalObserver,
    ApplySagaEventUseCase,
    CancelOverdueOrdersUseCase,
    SagaDeadlineSweeper,
    SagaOutcomeMetrics,
  ],
})
export class OrdersModule {}

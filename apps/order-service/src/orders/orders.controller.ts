import { Controller, Logger } from '@nestjs/common';
import { MessagePattern, Payload, Transport } from '@nestjs/microservices';
import { RPC_PATTERNS, type RpcReply } from '@polyshop/contracts';
import { createAnswerRpc } from '@polyshop/service-runtime';
import { isStoreUnavailable } from '../database/store-unavailable';
import { CancelOrderUseCase } from './cancel-order.use-case';
import { GetOrderUseCase } from './get-order.use-case';
import { ListAllOrdersUseCase } from './list-all-orders.use-case';
import { ListMyOrdersUseCase } from './list-my-orders.use-case';
import { OrderTimelineUseCase } from './order-timeline.use-case';
import { PlaceOrderUseCase } from './place-order.use-case';
import { SagaStatsUseCase } from './saga-stats.use-case';

/** The gateway's calls about orders, over core-NATS request/reply. */
@Controller()
export class OrdersController {
  private readonly answerRpc = createAnswerRpc({
    isStoreUnavailable,
    logger: new Logger(OrdersController.name),
  });

  constructor(
    private readonly placeOrder: PlaceOrderUseCase,
    private readonly getOrder: GetOrderUseCase,
    private readonly listMyOrders: ListMyOrdersUseCase,
    private readonly cancelOrder: CancelOrderUseCase,
    private readonly orderTimeline: OrderTimelineUseCase,
    private readonly listAllOrders: ListAllOrdersUseCase,
    private readonly sagaStats: SagaStatsUseCase,
  ) {}

  @MessagePattern(RPC_PATTERNS.ORDERS_PLACE, Transport.NATS)
  place(@Payload() payload: unknown): Promise<RpcReply<'rpc.orders.place'>> {
    return this.answerRpc(RPC_PATTERNS.ORDERS_PLACE, payload, (request) =>
      this.placeOrder.execute(request),
    );
  }

  @MessagePattern(RPC_PATTERNS.ORDERS_GET, Transport.NATS)
  get(@Payload() payload: unknown): Promise<RpcReply<'rpc.orders.get'>> {
    return this.answerRpc(RPC_PATTERNS.ORDERS_GET, payload, ({ orderId, requester }) =>
      this.getOrder.execute(orderId, requester),
    );
  }

  @MessagePattern(RPC_PATTERNS.ORDERS_LIST_MINE, Transport.NATS)
  listMine(@Payload() payload: unknown): Promise<RpcReply<'rpc.orders.list-mine'>> {
    return this.answerRpc(RPC_PATTERNS.ORDERS_LIST_MINE, payload, (request) =>
      this.listMyOrders.execute(request),
    );
  }

  @MessagePattern(RPC_PATTERNS.ORDERS_CANCEL, Transport.NATS)
  cancel(@Payload() payload: unknown): Promise<RpcReply<'rpc.orders.cancel'>> {
    return this.answerRpc(RPC_PATTERNS.ORDERS_CANCEL, payload, ({ orderId, requester }) =>
      this.cancelOrder.execute(orderId, requester),
    );
  }

  @MessagePattern(RPC_PATTERNS.ORDERS_TIMELINE, Transport.NATS)
  timeline(@Payload() payload: unknown): Promise<RpcReply<'rpc.orders.timeline'>> {
    return this.answerRpc(RPC_PATTERNS.ORDERS_TIMELINE, payload, ({ orderId, requester }) =>
      this.orderTimeline.execute(orderId, requester),
    );
  }

  @MessagePattern(RPC_PATTERNS.ORDERS_LIST_ALL, Transport.NATS)
  listAll(@Payload() payload: unknown): Promise<RpcReply<'rpc.orders.list-all'>> {
    return this.answerRpc(RPC_PATTERNS.ORDERS_LIST_ALL, payload, (request) =>
      this.listAllOrders.execute(request),
    );
  }

  @MessagePattern(RPC_PATTERNS.ORDERS_SAGA_STATS, Transport.NATS)
  stats(@Payload() payload: unknown): Promise<RpcReply<'rpc.orders.saga-stats'>> {
    return this.answerRpc(RPC_PATTERNS.ORDERS_SAGA_STATS, payload, (request) =>
      this.sagaStats.execute(request),
    );
  }
}

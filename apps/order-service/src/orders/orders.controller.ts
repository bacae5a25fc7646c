import { Controller } from '@nestjs/common';
import { MessagePattern, Payload, Transport } from '@nestjs/microservices';
import {
  RPC_PATTERNS,
  validateRpcRequest,
  type OrderAccepted,
  type OrderView,
  type Page,
  type RpcErrorReply,
} from '@polyshop/contracts';
import { CancelOrderUseCase } from './cancel-order.use-case';
import { GetOrderUseCase } from './get-order.use-case';
import { ListMyOrdersUseCase } from './list-my-orders.use-case';
import { OrderTimelineUseCase, type OrderTimelineReply } from './order-timeline.use-case';
import { PlaceOrderUseCase } from './place-order.use-case';
import { replyTo } from './rpc-reply';

/** The gateway's calls about orders, over core-NATS request/reply. */
@Controller()
export class OrdersController {
  constructor(
    private readonly placeOrder: PlaceOrderUseCase,
    private readonly getOrder: GetOrderUseCase,
    private readonly listMyOrders: ListMyOrdersUseCase,
    private readonly cancelOrder: CancelOrderUseCase,
    private readonly orderTimeline: OrderTimelineUseCase,
  ) {}

  @MessagePattern(RPC_PATTERNS.ORDERS_PLACE, Transport.NATS)
  place(@Payload() payload: unknown): Promise<OrderAccepted | RpcErrorReply> {
    const checked = validateRpcRequest(RPC_PATTERNS.ORDERS_PLACE, payload);
    if (!checked.ok) return Promise.resolve(checked.error);
    return replyTo(RPC_PATTERNS.ORDERS_PLACE, () => this.placeOrder.execute(checked.request));
  }

  @MessagePattern(RPC_PATTERNS.ORDERS_GET, Transport.NATS)
  get(@Payload() payload: unknown): Promise<OrderView | RpcErrorReply> {
    const checked = validateRpcRequest(RPC_PATTERNS.ORDERS_GET, payload);
    if (!checked.ok) return Promise.resolve(checked.error);
    const { orderId, requester } = checked.request;
    return replyTo(RPC_PATTERNS.ORDERS_GET, () => this.getOrder.execute(orderId, requester));
  }

  @MessagePattern(RPC_PATTERNS.ORDERS_LIST_MINE, Transport.NATS)
  listMine(@Payload() payload: unknown): Promise<Page<OrderView> | RpcErrorReply> {
    const checked = validateRpcRequest(RPC_PATTERNS.ORDERS_LIST_MINE, payload);
    if (!checked.ok) return Promise.resolve(checked.error);
    return replyTo(RPC_PATTERNS.ORDERS_LIST_MINE, () => this.listMyOrders.execute(checked.request));
  }

  @MessagePattern(RPC_PATTERNS.ORDERS_CANCEL, Transport.NATS)
  cancel(@Payload() payload: unknown): Promise<OrderAccepted | RpcErrorReply> {
    const checked = validateRpcRequest(RPC_PATTERNS.ORDERS_CANCEL, payload);
    if (!checked.ok) return Promise.resolve(checked.error);
    const { orderId, requester } = checked.request;
    return replyTo(RPC_PATTERNS.ORDERS_CANCEL, () => this.cancelOrder.execute(orderId, requester));
  }

  @MessagePattern(RPC_PATTERNS.ORDERS_TIMELINE, Transport.NATS)
  timeline(@Payload() payload: unknown): Promise<OrderTimelineReply | RpcErrorReply> {
    const checked = validateRpcRequest(RPC_PATTERNS.ORDERS_TIMELINE, payload);
    if (!checked.ok) return Promise.resolve(checked.error);
    const { orderId, requester } = checked.request;
    return replyTo(RPC_PATTERNS.ORDERS_TIMELINE, () =>
      this.orderTimeline.execute(orderId, requester),
    );
  }
}

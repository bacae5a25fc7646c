import { IsIn, IsISO8601, IsOptional, IsUUID, Matches, Max } from 'class-validator';
import { ORDER_STATUSES, PAYMENT_TOKENS, type OrderReason, type OrderStatus } from '../codes';
import { MAX_ORDER_ITEMS } from '../events/order.events';
import { IsCount, IsNested, IsNestedList, IsProductId } from '../validation/field-decorators';
import { PageRequest, RequesterDto, type Page } from './common.dto';
import { defineRpc } from './rpc-definition';
import type { ParticipantTimeline } from './timeline.rpc';

/** Most units of one product in one order line. */
export const MAX_LINE_QUANTITY = 1000;

/** One line of an order being placed; the price comes from order-service's replica. */
export class OrderLineDto {
  @IsProductId()
  productId!: string;

  @IsCount()
  @Max(MAX_LINE_QUANTITY)
  quantity!: number;
}

/** `rpc.orders.place` (POST /orders): places an order for `userId`, answered before the saga. */
export class PlaceOrderRequest {
  @IsUUID()
  userId!: string;

  @IsNestedList(() => OrderLineDto, MAX_ORDER_ITEMS)
  items!: OrderLineDto[];

  /** One of the simulator's test cards; any other token is a validation error (400). */
  @IsIn(Object.values(PAYMENT_TOKENS))
  paymentToken!: string;

  /** The `Idempotency-Key` header: placing again with the same key returns the same order. */
  @IsOptional()
  @Matches(/^[\x21-\x7e]{1,255}$/, { message: '$property must be 1-255 printable characters' })
  idempotencyKey?: string;
}

/** Reply of `rpc.orders.place` and `rpc.orders.cancel`. */
export interface OrderAccepted {
  readonly id: string;
  readonly status: OrderStatus;
}

/** A call about one order on behalf of its owner (or an admin where allowed). */
export class OrderRequest {
  @IsUUID()
  orderId!: string;

  @IsNested(() => RequesterDto)
  requester!: RequesterDto;
}

/** `rpc.orders.get` (GET /orders/:id): owner or admin; anyone else gets `ORDER.NOT_FOUND`. */
export class GetOrderRequest extends OrderRequest {}

/** `rpc.orders.cancel` (POST /orders/:id/cancel): owner only; `ORDER.ALREADY_TERMINAL` if final. */
export class CancelOrderRequest extends OrderRequest {}

/** `rpc.orders.timeline` (GET /orders/:id/timeline): owner or admin. */
export class OrderTimelineRequest extends OrderRequest {}

/** `rpc.orders.list-mine` (GET /orders): the caller's orders, newest first. */
export class ListMyOrdersRequest extends PageRequest {
  @IsUUID()
  userId!: string;
}

/** A line of an order as stored. */
export interface OrderItemView {
  readonly productId: string;
  readonly quantity: number;
  readonly unitPrice: number;
}

/** An order as its owner sees it. `reason` is set once it failed. */
export interface OrderView {
  readonly id: string;
  readonly status: OrderStatus;
  readonly reason: OrderReason | null;
  readonly items: readonly OrderItemView[];
  readonly total: number;
  readonly currency: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** A status change of an order; `from` is `null` for its placement. */
export interface OrderTransitionView {
  readonly at: string;
  readonly from: OrderStatus | null;
  readonly to: OrderStatus;
  readonly reason: OrderReason | null;
}

/** order-service's view of an order in its timeline. */
export interface OrderSagaState {
  readonly status: OrderStatus;
  readonly reason: OrderReason | null;
  readonly total: number;
  readonly currency: string;
}

/** Reply of `rpc.orders.timeline`: order-service's journal of the order, entries in time order. */
export interface OrderTimeline extends ParticipantTimeline<OrderSagaState> {
  readonly orderId: string;
  readonly status: OrderStatus;
  readonly reason: OrderReason | null;
  /** When the order was created. */
  readonly placedAt: string;
  readonly transitions: readonly OrderTransitionView[];
}

/** `rpc.orders.list-all` (GET /admin/orders): every order, newest first, by status if given. */
export class ListAllOrdersRequest extends PageRequest {
  @IsOptional()
  @IsIn(ORDER_STATUSES)
  status?: OrderStatus;
}

/** An order as an admin lists it: with its owner. */
export interface AdminOrderView extends OrderView {
  readonly userId: string;
}

/** `rpc.orders.saga-stats` (GET /admin/saga-stats): counts of all orders, or of recent ones. */
export class SagaStatsRequest {
  /** Only orders placed at or after this time (ISO 8601). */
  @IsOptional()
  @IsISO8601({ strict: true })
  since?: string;
}

/** Reply of `rpc.orders.saga-stats`: how many orders are in each status, and by failure reason. */
export interface SagaStats {
  readonly byStatus: Readonly<Record<OrderStatus, number>>;
  readonly byReason: Readonly<Partial<Record<OrderReason, number>>>;
}

/** Calls answered by order-service. */
export const ORDERS_RPC = {
  'rpc.orders.place': defineRpc<PlaceOrderRequest, OrderAccepted>(
    'order-service',
    PlaceOrderRequest,
  ),
  'rpc.orders.get': defineRpc<GetOrderRequest, OrderView>('order-service', GetOrderRequest),
  'rpc.orders.list-mine': defineRpc<ListMyOrdersRequest, Page<OrderView>>(
    'order-service',
    ListMyOrdersRequest,
  ),
  'rpc.orders.cancel': defineRpc<CancelOrderRequest, OrderAccepted>(
    'order-service',
    CancelOrderRequest,
  ),
  'rpc.orders.timeline': defineRpc<OrderTimelineRequest, OrderTimeline>(
    'order-service',
    OrderTimelineRequest,
  ),
  'rpc.orders.list-all': defineRpc<ListAllOrdersRequest, Page<AdminOrderView>>(
    'order-service',
    ListAllOrdersRequest,
  ),
  'rpc.orders.saga-stats': defineRpc<SagaStatsRequest, SagaStats>(
    'order-service',
    SagaStatsRequest,
  ),
} as const;

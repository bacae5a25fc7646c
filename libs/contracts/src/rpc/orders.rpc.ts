import { IsIn, IsOptional, IsUUID, Matches, Max } from 'class-validator';
import { PAYMENT_TOKENS, type OrderReason, type OrderStatus } from '../codes';
import type { EventSubject } from '../events/event-map';
import { MAX_ORDER_ITEMS } from '../events/order.events';
import type { Producer, ServiceName } from '../services';
import type { DeadLetterReason } from '../streams';
import { IsCount, IsNested, IsNestedList, IsProductId } from '../validation/field-decorators';
import { PageRequest, RequesterDto, type Page } from './common.dto';
import { defineRpc } from './rpc-definition';

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

/** How a consumer handled one delivery of an event. */
export const CONSUMPTION_OUTCOMES = ['PROCESSED', 'DUPLICATE', 'RETRIED', 'DEAD_LETTERED'] as const;
export type ConsumptionOutcome = (typeof CONSUMPTION_OUTCOMES)[number];

/** One point of a saga timeline: an event published, a delivery handled, or a dead letter. */
export type TimelineEntry =
  | {
      readonly kind: 'PUBLISHED';
      readonly at: string;
      readonly eventId: string;
      readonly subject: EventSubject;
      readonly producer: Producer;
      readonly causationId: string | null;
      /** True for compensations (`COMPENSATION_SUBJECTS`). */
      readonly compensation: boolean;
    }
  | {
      readonly kind: 'CONSUMED';
      readonly at: string;
      readonly eventId: string;
      readonly subject: EventSubject;
      readonly service: ServiceName;
      /** Delivery attempt, from 1. */
      readonly attempt: number;
      readonly outcome: ConsumptionOutcome;
    }
  | {
      readonly kind: 'DEAD_LETTERED';
      readonly at: string;
      readonly eventId: string | null;
      readonly subject: string;
      readonly service: ServiceName;
      readonly reason: DeadLetterReason;
      readonly detail: string;
    };

/** Reply of `rpc.orders.timeline`, entries in time order. */
export interface OrderTimeline {
  readonly orderId: string;
  readonly status: OrderStatus;
  readonly entries: readonly TimelineEntry[];
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
} as const;

import { IsIn, IsUUID, Matches } from 'class-validator';
import {
  ORDER_CANCELLATION_REASONS,
  ORDER_STATUSES,
  type OrderCancellationReason,
  type OrderStatus,
} from '../codes';
import {
  IsAmount,
  IsCount,
  IsCurrencyCode,
  IsNestedList,
  IsProductId,
} from '../validation/field-decorators';
import type { EventDefinition } from './event-definition';

/** Most lines one order may carry. */
export const MAX_ORDER_ITEMS = 50;

/** One line of an order, priced from order-service's replica of the catalog. */
export class OrderedItem {
  @IsProductId()
  productId!: string;

  @IsCount()
  quantity!: number;

  /** Price of one unit in minor units, in the order's currency. */
  @IsAmount()
  unitPrice!: number;
}

/**
 * `order.placed.v1`: an order was accepted as `PENDING`. Inventory reserves its items; payment
 * keeps the amount and token to charge once the stock is reserved.
 */
export class OrderPlacedData {
  @IsUUID()
  orderId!: string;

  @IsUUID()
  userId!: string;

  @IsNestedList(() => OrderedItem, MAX_ORDER_ITEMS)
  items!: OrderedItem[];

  /** Sum of `quantity * unitPrice`, in minor units. */
  @IsAmount()
  total!: number;

  @IsCurrencyCode()
  currency!: string;

  /** PSP token (`tok_...`); a token is not PII and cannot be charged outside the PSP. */
  @Matches(/^tok_[A-Za-z0-9_]{1,60}$/, { message: '$property must be a tok_... payment token' })
  paymentToken!: string;
}

/** `order.confirmed.v1`: the order was paid and its stock committed; terminal. */
export class OrderConfirmedData {
  @IsUUID()
  orderId!: string;

  @IsAmount()
  total!: number;

  @IsCurrencyCode()
  currency!: string;
}

/** `order.cancelled.v1`: the order was cancelled; holders of stock or money compensate. */
export class OrderCancelledData {
  @IsUUID()
  orderId!: string;

  @IsIn(ORDER_CANCELLATION_REASONS)
  reason!: OrderCancellationReason;

  /** The status the order left, telling compensators what may be held. */
  @IsIn(ORDER_STATUSES)
  previousStatus!: OrderStatus;
}

/** Events published by order-service on the `ORDER` stream. */
export const ORDER_EVENTS = {
  'order.placed.v1': {
    type: 'order.placed',
    version: 1,
    producer: 'order',
    stream: 'ORDER',
    dataClass: OrderPlacedData,
    consumers: ['inventory-service', 'payment-service'],
  },
  'order.confirmed.v1': {
    type: 'order.confirmed',
    version: 1,
    producer: 'order',
    stream: 'ORDER',
    dataClass: OrderConfirmedData,
    consumers: [],
  },
  'order.cancelled.v1': {
    type: 'order.cancelled',
    version: 1,
    producer: 'order',
    stream: 'ORDER',
    dataClass: OrderCancelledData,
    consumers: ['inventory-service', 'payment-service'],
  },
} as const satisfies Record<string, EventDefinition>;

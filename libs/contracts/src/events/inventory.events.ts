import { IsIn, IsUUID } from 'class-validator';
import {
  STOCK_RELEASE_REASONS,
  STOCK_RESERVATION_FAILURE_REASONS,
  type StockReleaseReason,
  type StockReservationFailureReason,
} from '../codes';
import { IsCount, IsNestedList, IsProductId, IsUtcTimestamp } from '../validation/field-decorators';
import type { EventDefinition } from './event-definition';
import { MAX_ORDER_ITEMS } from './order.events';

/** A quantity of one product held for (or given back by) an order. */
export class StockItem {
  @IsProductId()
  productId!: string;

  @IsCount()
  quantity!: number;
}

/** A product that could not be reserved in the quantity asked for. */
export class StockShortage {
  @IsProductId()
  productId!: string;

  @IsCount()
  requested!: number;

  /** What was available when the reservation was tried (0 for an unknown product). */
  @IsCount(0)
  available!: number;
}

/** `inventory.stock-reserved.v1`: every item of the order is held until `expiresAt`. */
export class StockReservedData {
  @IsUUID()
  orderId!: string;

  @IsNestedList(() => StockItem, MAX_ORDER_ITEMS)
  items!: StockItem[];

  /** When inventory gives the stock back by itself if the order is still not paid. */
  @IsUtcTimestamp()
  expiresAt!: string;
}

/** `inventory.stock-reservation-failed.v1`: nothing was reserved; the order is rejected. */
export class StockReservationFailedData {
  @IsUUID()
  orderId!: string;

  @IsIn(STOCK_RESERVATION_FAILURE_REASONS)
  reason!: StockReservationFailureReason;

  @IsNestedList(() => StockShortage, MAX_ORDER_ITEMS)
  shortages!: StockShortage[];
}

/** `inventory.stock-released.v1`: a reservation was given back to the available stock. */
export class StockReleasedData {
  @IsUUID()
  orderId!: string;

  @IsNestedList(() => StockItem, MAX_ORDER_ITEMS)
  items!: StockItem[];

  @IsIn(STOCK_RELEASE_REASONS)
  reason!: StockReleaseReason;
}

/** Events published by inventory-service on the `INVENTORY` stream. */
export const INVENTORY_EVENTS = {
  'inventory.stock-reserved.v1': {
    type: 'inventory.stock-reserved',
    version: 1,
    producer: 'inventory',
    stream: 'INVENTORY',
    dataClass: StockReservedData,
    consumers: ['payment-service', 'order-service'],
  },
  'inventory.stock-reservation-failed.v1': {
    type: 'inventory.stock-reservation-failed',
    version: 1,
    producer: 'inventory',
    stream: 'INVENTORY',
    dataClass: StockReservationFailedData,
    consumers: ['order-service'],
  },
  'inventory.stock-released.v1': {
    type: 'inventory.stock-released',
    version: 1,
    producer: 'inventory',
    stream: 'INVENTORY',
    dataClass: StockReleasedData,
    consumers: [],
  },
} as const satisfies Record<string, EventDefinition>;

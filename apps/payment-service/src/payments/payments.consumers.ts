import { durableName, SUBJECTS } from '@polyshop/contracts';

/** The inbox names of payment-service's handlers: their durable consumers' names. */
export const CONSUMERS = {
  orderPlaced: durableName('payment-service', SUBJECTS.ORDER_PLACED_V1),
  stockReserved: durableName('payment-service', SUBJECTS.INVENTORY_STOCK_RESERVED_V1),
  orderCancelled: durableName('payment-service', SUBJECTS.ORDER_CANCELLED_V1),
} as const;

import type { OrderView } from '@polyshop/contracts';
import type { OrderWithItems } from './persistence/orders.repository';

/** An order as its owner sees it (`OrderView` of the contracts). */
export function toOrderView({ order, items }: OrderWithItems): OrderView {
  return {
    id: order.id,
    status: order.status,
    reason: order.reason,
    items: items.map(({ productId, quantity, unitPrice }) => ({ productId, quantity, unitPrice })),
    total: order.total,
    currency: order.currency,
    createdAt: order.createdAt.toISOString(),
    updatedAt: order.updatedAt.toISOString(),
  };
}

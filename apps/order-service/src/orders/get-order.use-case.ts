import { Injectable } from '@nestjs/common';
import type { OrderView, RequesterDto } from '@polyshop/contracts';
import { OrderNotFoundError } from './domain/order.errors';
import { OrdersRepository } from './persistence/orders.repository';
import { toOrderView } from './order-view';

/**
 * One order for its owner or an admin (`rpc.orders.get`). Anyone else gets `ORDER.NOT_FOUND`,
 * exactly as for an order that does not exist, so its existence is not disclosed.
 */
@Injectable()
export class GetOrderUseCase {
  constructor(private readonly orders: OrdersRepository) {}

  async execute(orderId: string, requester: RequesterDto): Promise<OrderView> {
    const found = await this.orders.findWithItems(orderId);
    if (!found || !mayRead(found.order.userId, requester)) throw new OrderNotFoundError(orderId);
    return toOrderView(found);
  }
}

/** Owners read their orders, admins every order. */
export function mayRead(ownerId: string, requester: RequesterDto): boolean {
  return requester.role === 'admin' || requester.userId === ownerId;
}

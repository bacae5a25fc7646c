import { Injectable } from '@nestjs/common';
import type { ListMyOrdersRequest, OrderView, Page } from '@polyshop/contracts';
import { OrdersRepository } from './persistence/orders.repository';
import { toOrderView } from './order-view';

/** Page size of `rpc.orders.list-mine` when the caller names none. */
export const DEFAULT_ORDERS_PAGE_SIZE = 20;

/** The caller's orders, newest first (`rpc.orders.list-mine`). */
@Injectable()
export class ListMyOrdersUseCase {
  constructor(private readonly orders: OrdersRepository) {}

  async execute({ userId, limit, offset }: ListMyOrdersRequest): Promise<Page<OrderView>> {
    const page = await this.orders.page({ userId }, limit ?? DEFAULT_ORDERS_PAGE_SIZE, offset ?? 0);
    return { items: page.orders.map(toOrderView), total: page.total };
  }
}

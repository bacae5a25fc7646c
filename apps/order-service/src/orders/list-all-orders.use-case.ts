import { Injectable } from '@nestjs/common';
import type { AdminOrderView, ListAllOrdersRequest, Page } from '@polyshop/contracts';
import { DEFAULT_ORDERS_PAGE_SIZE } from './list-my-orders.use-case';
import { toOrderView } from './order-view';
import { OrdersRepository } from './persistence/orders.repository';

/** Every order, newest first, of one status if asked (`rpc.orders.list-all`, the console's). */
@Injectable()
export class ListAllOrdersUseCase {
  constructor(private readonly orders: OrdersRepository) {}

  async execute({ status, limit, offset }: ListAllOrdersRequest): Promise<Page<AdminOrderView>> {
    const page = await this.orders.page(
      status === undefined ? {} : { status },
      limit ?? DEFAULT_ORDERS_PAGE_SIZE,
      offset ?? 0,
    );
    return {
      items: page.orders.map((order) => ({ ...toOrderView(order), userId: order.order.userId })),
      total: page.total,
    };
  }
}

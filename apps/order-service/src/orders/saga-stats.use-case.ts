import { Injectable } from '@nestjs/common';
import {
  ORDER_STATUSES,
  type OrderStatus,
  type SagaStats,
  type SagaStatsRequest,
} from '@polyshop/contracts';
import { OrdersRepository } from './persistence/orders.repository';

/**
 * How many orders are in each status (every status, 0 included) and by failure reason
 * (`rpc.orders.saga-stats`), of all orders or of those placed since a time.
 */
@Injectable()
export class SagaStatsUseCase {
  constructor(private readonly orders: OrdersRepository) {}

  async execute({ since }: SagaStatsRequest): Promise<SagaStats> {
    const counts = await this.orders.countByStatusAndReason(
      since === undefined ? undefined : new Date(since),
    );
    const byStatus = Object.fromEntries(ORDER_STATUSES.map((status) => [status, 0])) as Record<
      OrderStatus,
      number
    >;
    const byReason: Record<string, number> = {};
    for (const { status, reason, count } of counts) {
      byStatus[status] += count;
      if (reason !== null) byReason[reason] = (byReason[reason] ?? 0) + count;
    }
    return { byStatus, byReason };
  }
}

import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { OrderAccepted, PlaceOrderRequest } from '@polyshop/contracts';
import { OutboxRelay, SqlOutboxStore, createOutgoingEvent } from '@polyshop/messaging';
import { DataSource } from 'typeorm';
import type { OrderServiceEnv } from '../config/order-service.env';
import { isDuplicateKeyError } from '../database/sql-results';
import { ProductPricesRepository } from '../price-replica/product-prices.repository';
import { IdempotencyKeyReusedError } from './domain/order.errors';
import { mergeLines, priceOrder } from './domain/order-pricing';
import { requestFingerprint } from './domain/request-fingerprint';
import type { OrderEntity } from './persistence/order.entity';
import { OrdersRepository, type NewOrder } from './persistence/orders.repository';
import { TimelineRepository } from './persistence/timeline.repository';
import { publishedRecord, transitionRecord } from './persistence/timeline.records';

/**
 * Places an order (`rpc.orders.place`): prices it from the replica (never calling
 * product-service), inserts it `PENDING` with its saga deadline and appends `order.placed.v1`
 * in one transaction, then hands the event to the relay's fast path. With an
 * `Idempotency-Key`, a repeat of the same request answers with the first order and writes
 * nothing; the same key with another request is refused.
 */
@Injectable()
export class PlaceOrderUseCase {
  private readonly sagaTimeoutMs: number;

  constructor(
    config: ConfigService<OrderServiceEnv, true>,
    private readonly dataSource: DataSource,
    private readonly prices: ProductPricesRepository,
    private readonly orders: OrdersRepository,
    private readonly timeline: TimelineRepository,
    private readonly outbox: SqlOutboxStore,
    private readonly relay: OutboxRelay,
  ) {
    this.sagaTimeoutMs = config.get('ORDER_SAGA_TIMEOUT_MS', { infer: true });
  }

  async execute(request: PlaceOrderRequest): Promise<OrderAccepted> {
    const { userId, paymentToken } = request;
    const idempotencyKey = request.idempotencyKey ?? null;
    const lines = mergeLines(request.items);
    const requestHash = requestFingerprint(lines, paymentToken);

    if (idempotencyKey !== null) {
      const first = await this.orders.findByIdempotencyKey(userId, idempotencyKey);
      if (first) return replay(first, requestHash);
    }

    const priced = priceOrder(lines, await this.prices.pricesOf(lines.map((l) => l.productId)));
    const order: NewOrder = {
      id: randomUUID(),
      userId,
      idempotencyKey,
      requestHash,
      sagaTimeoutMs: this.sagaTimeoutMs,
      ...priced,
    };
    const placed = createOutgoingEvent(
      'order.placed.v1',
      {
        orderId: order.id,
        userId,
        items: [...priced.items],
        total: priced.total,
        currency: priced.currency,
        paymentToken,
      },
      { correlationId: order.id },
    );
    let appended;
    try {
      appended = await this.dataSource.transaction('READ COMMITTED', async (tx) => {
        await this.orders.insert(tx, order);
        const leased = await this.outbox.appendLeased(tx, [placed], this.relay.appendLease);
        await this.timeline.append(tx, [
          transitionRecord(order.id, null, 'PENDING', null),
          publishedRecord(order.id, placed),
        ]);
        return leased;
      });
    } catch (error) {
      // The same key raced in on another call (or replica) and committed first.
      if (idempotencyKey === null || !isDuplicateKeyError(error)) throw error;
      const first = await this.orders.findByIdempotencyKey(userId, idempotencyKey);
      if (!first) throw error;
      return replay(first, requestHash);
    }
    this.relay.publishCommitted(appended);
    return { id: order.id, status: 'PENDING' };
  }
}

/**
 * The answer to a repeated key: the first call's answer (same id, `PENDING`), as a retried
 * POST expects; `GET /orders/:id` tells where the saga is now.
 */
function replay(first: OrderEntity, requestHash: string): OrderAccepted {
  if (first.requestHash !== requestHash) throw new IdempotencyKeyReusedError();
  return { id: first.id, status: 'PENDING' };
}

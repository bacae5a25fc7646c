import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  PAYMENT_TOKENS,
  type OrderLineDto,
  type OrderReason,
  type OrderStatus,
} from '@polyshop/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { MonolithError } from '../http/monolith.errors';

/** The order as placed: it is final already, there is no saga. */
export interface PlacedOrder {
  readonly id: string;
  readonly status: OrderStatus;
  readonly reason: OrderReason | null;
}

interface Priced {
  readonly id: string;
  readonly price: string;
  readonly currency: string;
}

/**
 * The whole order in one local transaction: the user exists, the prices are read, the stock is
 * decremented conditionally (all lines or none), the order, its lines and its payment are
 * inserted. `updated_at` is the clock when the order became final, as the saga's last hop
 * stamps it in the platform.
 */
@Injectable()
export class PlaceOrderUseCase {
  constructor(private readonly dataSource: DataSource) {}

  execute(
    userId: string,
    items: readonly OrderLineDto[],
    paymentToken: string,
  ): Promise<PlacedOrder> {
    return this.dataSource.transaction('READ COMMITTED', async (tx) => {
      const users = await tx.query<unknown[]>('SELECT 1 FROM users WHERE id = $1', [userId]);
      if (users.length === 0) throw new MonolithError('USER.NOT_FOUND', `No user ${userId}`);
      const quantities = new Map<string, number>();
      for (const { productId, quantity } of items) {
        quantities.set(productId, (quantities.get(productId) ?? 0) + quantity);
      }
      const products = await tx.query<Priced[]>(
        'SELECT id, price, currency FROM products WHERE id = ANY($1)',
        [[...quantities.keys()]],
      );
      const prices = new Map(products.map((product) => [product.id, product]));
      const unknown = [...quantities.keys()].filter((id) => !prices.has(id));
      if (unknown.length > 0) {
        throw new MonolithError('ORDER.UNKNOWN_PRODUCT', `Not for sale: ${unknown.join(', ')}`);
      }
      const currencies = new Set(products.map((product) => product.currency));
      if (currencies.size > 1) {
        throw new MonolithError('VALIDATION.FAILED', 'An order is paid in one currency');
      }
      const total = items.reduce(
        (sum, { productId, quantity }) => sum + Number(prices.get(productId)?.price) * quantity,
        0,
      );
      const declined = paymentToken === PAYMENT_TOKENS.DECLINED;
      const outcome: Pick<PlacedOrder, 'status' | 'reason'> = declined
        ? { status: 'CANCELLED', reason: 'PAYMENT_DECLINED' }
        : (await this.takeStock(tx, quantities))
          ? { status: 'CONFIRMED', reason: null }
          : { status: 'REJECTED', reason: 'OUT_OF_STOCK' };
      const order = { id: randomUUID(), ...outcome };
      await this.insert(tx, order, userId, items, prices, total, [...currencies][0]);
      return order;
    });
  }

  /** Decrements every line's stock, or none when one line lacks it. */
  private async takeStock(tx: EntityManager, quantities: Map<string, number>): Promise<boolean> {
    await tx.query('SAVEPOINT stock');
    // One statement; the rows are locked in id order first, so concurrent orders of the same
    // products never deadlock.
    const [, updated] = await tx.query<[unknown, number]>(
      `WITH locked AS (SELECT id FROM products WHERE id = ANY($1) ORDER BY id FOR UPDATE)
       UPDATE products p SET available = p.available - l.quantity
         FROM unnest($1::char(24)[], $2::bigint[]) AS l(id, quantity)
        WHERE p.id = l.id AND p.available >= l.quantity
          AND p.id IN (SELECT id FROM locked)`,
      [[...quantities.keys()], [...quantities.values()]],
    );
    if (updated === quantities.size) return true;
    await tx.query('ROLLBACK TO SAVEPOINT stock');
    return false;
  }

  private async insert(
    tx: EntityManager,
    order: PlacedOrder,
    userId: string,
    items: readonly OrderLineDto[],
    prices: Map<string, Priced>,
    total: number,
    currency: string,
  ): Promise<void> {
    await tx.query(
      `INSERT INTO orders (id, user_id, status, reason, total, currency, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, now(), clock_timestamp())`,
      [order.id, userId, order.status, order.reason, total, currency],
    );
    await tx.query(
      `INSERT INTO order_items (order_id, line_no, product_id, quantity, unit_price)
       SELECT $1, ordinality - 1, line.product_id, line.quantity, line.unit_price
         FROM unnest($2::char(24)[], $3::int[], $4::bigint[])
              WITH ORDINALITY AS line(product_id, quantity, unit_price)`,
      [
        order.id,
        items.map((item) => item.productId),
        items.map((item) => item.quantity),
        items.map((item) => Number(prices.get(item.productId)?.price)),
      ],
    );
    if (order.status === 'REJECTED') return;
    await tx.query(
      `INSERT INTO payments (id, order_id, amount, currency, status, created_at)
       VALUES ($1, $2, $3, $4, $5, clock_timestamp())`,
      [
        randomUUID(),
        order.id,
        total,
        currency,
        order.status === 'CONFIRMED' ? 'SUCCEEDED' : 'FAILED',
      ],
    );
  }
}

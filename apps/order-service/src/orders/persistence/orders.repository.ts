import { Injectable } from '@nestjs/common';
import type { OrderReason, OrderStatus } from '@polyshop/contracts';
import { DataSource, In, type EntityManager } from 'typeorm';
import { NOW, affectedRows } from '../../database/sql-results';
import type { PricedOrder } from '../domain/order-pricing';
import type { TransitionRule } from '../domain/order-state-machine';
import { OrderItemEntity } from './order-item.entity';
import { OrderEntity } from './order.entity';

/** A new order, as placement inserts it. */
export interface NewOrder extends PricedOrder {
  readonly id: string;
  readonly userId: string;
  readonly idempotencyKey: string | null;
  readonly requestHash: string;
  /** The saga deadline, counted from the insert on the database's clock. */
  readonly sagaTimeoutMs: number;
}

/** What a transition needs to know of the order it moved (its announcement, its metrics). */
export interface TransitionedOrder {
  readonly id: string;
  readonly status: OrderStatus;
  readonly previousStatus: OrderStatus | null;
  readonly total: number;
  readonly currency: string;
  readonly createdAt: Date;
}

/** An order with its lines. */
export interface OrderWithItems {
  readonly order: OrderEntity;
  readonly items: readonly OrderItemEntity[];
}

/** The `orders` and `order_items` tables. */
@Injectable()
export class OrdersRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Inserts a `PENDING` order and its lines; a reused idempotency key fails with ER_DUP_ENTRY. */
  async insert(tx: EntityManager, order: NewOrder): Promise<void> {
    await tx.query(
      `INSERT INTO orders
         (id, user_id, status, total, currency, idempotency_key, request_hash,
          deadline_at, created_at, updated_at)
       VALUES (?, ?, 'PENDING', ?, ?, ?, ?, ${NOW} + INTERVAL ? MICROSECOND, ${NOW}, ${NOW})`,
      [
        order.id,
        order.userId,
        order.total,
        order.currency,
        order.idempotencyKey,
        order.requestHash,
        order.sagaTimeoutMs * 1000,
      ],
    );
    await tx.query(
      `INSERT INTO order_items (order_id, line_no, product_id, quantity, unit_price) VALUES ${order.items
        .map(() => '(?, ?, ?, ?, ?)')
        .join(', ')}`,
      order.items.flatMap((item, lineNo) => [
        order.id,
        lineNo,
        item.productId,
        item.quantity,
        item.unitPrice,
      ]),
    );
  }

  /**
   * The transition of `rule` as one conditional UPDATE: only from one of `rule.from`, keeping
   * the status it left in `previous_status`. False when the order is in no such status (or
   * does not exist): the trigger came too late. `previous_status` is assigned first so that it
   * reads the old status whether the server assigns left to right or simultaneously.
   */
  async transition(tx: EntityManager, orderId: string, rule: TransitionRule): Promise<boolean> {
    const result: unknown = await tx.query(
      `UPDATE orders
          SET previous_status = status, status = ?, reason = ?, updated_at = ${NOW},
              version = version + 1
        WHERE id = ? AND status IN (?)`,
      [rule.to, rule.reason, orderId, rule.from],
    );
    return affectedRows(result) === 1;
  }

  /**
   * Locks up to `limit` live orders whose deadline passed, skipping rows other transactions
   * hold (another replica's sweep, a handler's transition), oldest deadline first.
   */
  async lockOverdue(
    tx: EntityManager,
    live: readonly OrderStatus[],
    limit: number,
  ): Promise<string[]> {
    const rows: { id: string }[] = await tx.query(
      `SELECT id FROM orders
        WHERE status IN (?) AND deadline_at <= ${NOW}
        ORDER BY deadline_at
        LIMIT ?
        FOR UPDATE SKIP LOCKED`,
      [live, limit],
    );
    return rows.map((row) => row.id);
  }

  /**
   * The order just moved by `transition` in `tx`, read in plain SQL: every saga step runs
   * this, and an entity query costs several times more.
   */
  async transitioned(tx: EntityManager, orderId: string): Promise<TransitionedOrder | null> {
    const rows: Array<Omit<TransitionedOrder, 'total'> & { total: number | string }> =
      await tx.query(
        `SELECT id, status, previous_status AS previousStatus, total, currency,
                created_at AS createdAt
           FROM orders WHERE id = ?`,
        [orderId],
      );
    const [row] = rows;
    return row === undefined ? null : { ...row, total: Number(row.total) };
  }

  /** The order as `tx` sees it (its own uncommitted transition included). */
  findIn(tx: EntityManager, orderId: string): Promise<OrderEntity | null> {
    return tx.findOneBy(OrderEntity, { id: orderId });
  }

  find(orderId: string): Promise<OrderEntity | null> {
    return this.dataSource.manager.findOneBy(OrderEntity, { id: orderId });
  }

  findByIdempotencyKey(userId: string, idempotencyKey: string): Promise<OrderEntity | null> {
    return this.dataSource.manager.findOneBy(OrderEntity, { userId, idempotencyKey });
  }

  async findWithItems(orderId: string): Promise<OrderWithItems | null> {
    const order = await this.find(orderId);
    if (!order) return null;
    const items = await this.dataSource.manager.find(OrderItemEntity, {
      where: { orderId },
      order: { lineNo: 'ASC' },
    });
    return { order, items };
  }

  /** A page of the orders matching `where` (all when empty), newest first, with their lines. */
  async page(
    where: { readonly userId?: string; readonly status?: OrderStatus },
    limit: number,
    offset: number,
  ): Promise<{ orders: OrderWithItems[]; total: number }> {
    const [orders, total] = await this.dataSource.manager.findAndCount(OrderEntity, {
      where,
      order: { createdAt: 'DESC', id: 'ASC' },
      take: limit,
      skip: offset,
    });
    const items =
      orders.length === 0
        ? []
        : await this.dataSource.manager.find(OrderItemEntity, {
            where: { orderId: In(orders.map((o) => o.id)) },
            order: { lineNo: 'ASC' },
          });
    return {
      orders: orders.map((order) => ({
        order,
        items: items.filter((item) => item.orderId === order.id),
      })),
      total,
    };
  }

  /**
   * How many orders there are per status and reason (statuses without orders left out), of
   * those placed since `since` if given.
   */
  async countByStatusAndReason(
    since?: Date,
  ): Promise<{ status: OrderStatus; reason: OrderReason | null; count: number }[]> {
    const rows: { status: OrderStatus; reason: OrderReason | null; n: string | number }[] =
      await this.dataSource.query(
        `SELECT status, reason, COUNT(*) AS n FROM orders
          ${since === undefined ? '' : 'WHERE created_at >= ?'}
          GROUP BY status, reason`,
        since === undefined ? [] : [since],
      );
    return rows.map(({ status, reason, n }) => ({ status, reason, count: Number(n) }));
  }
}

import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { NOW } from '../database/sql-results';

/** A price as a product event states it. */
export interface StatedPrice {
  readonly productId: string;
  readonly price: number;
  readonly currency: string;
  /** When product-service changed it: the event's `occurredAt`. */
  readonly asOf: Date;
}

/** A product's current price in the replica. */
export interface ReplicaPrice {
  readonly price: number;
  readonly currency: string;
}

/** The replica of product prices (`product_prices`). */
@Injectable()
export class ProductPricesRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Keeps the newest price: inserts the product, or overwrites its price only when `stated` is
   * newer than the one held, so an older event arriving late (or a `product.created` arriving
   * after a price change) changes nothing. `price_as_of` is assigned last so that every
   * condition reads the held value, whether the server assigns left to right or simultaneously.
   * At equal times the price held stays.
   */
  async keepNewest(tx: EntityManager, stated: StatedPrice): Promise<void> {
    const newer = 'VALUES(price_as_of) > price_as_of';
    await tx.query(
      `INSERT INTO product_prices (product_id, price, currency, price_as_of, updated_at)
       VALUES (?, ?, ?, ?, ${NOW})
       ON DUPLICATE KEY UPDATE
         price = IF(${newer}, VALUES(price), price),
         currency = IF(${newer}, VALUES(currency), currency),
         updated_at = IF(${newer}, VALUES(updated_at), updated_at),
         price_as_of = GREATEST(price_as_of, VALUES(price_as_of))`,
      [stated.productId, stated.price, stated.currency, stated.asOf],
    );
  }

  /** The current prices of those of `productIds` the replica knows. */
  async pricesOf(productIds: readonly string[]): Promise<Map<string, ReplicaPrice>> {
    // Plain SQL: every placement reads it, and an entity query costs several times more.
    const rows: Array<{ productId: string; price: number | string; currency: string }> =
      await this.dataSource.query(
        'SELECT product_id AS productId, price, currency FROM product_prices WHERE product_id IN (?)',
        [productIds],
      );
    return new Map(
      rows.map((r) => [r.productId, { price: Number(r.price), currency: r.currency }]),
    );
  }
}

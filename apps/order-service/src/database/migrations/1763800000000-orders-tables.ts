import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Orders, their lines, their timeline and the replica of product prices.
 *
 * - `orders`: `previous_status` is the status the last transition left (what
 *   `order.cancelled.v1` reports). `(status, deadline_at)` serves the deadline sweeper's scan of
 *   live orders past their deadline; `(user_id, created_at)` the caller's list; the unique
 *   `(user_id, idempotency_key)` makes a repeated `Idempotency-Key` find the first order (NULL
 *   keys never collide). `request_hash` binds the key to the request it was first used with.
 * - `order_timeline`: one row per thing that happened to an order (its transitions, the events
 *   it published and consumed), generic enough for the kinds the observability work adds.
 * - `product_prices`: fed by `product.created.v1` / `product.price-changed.v1`; `price_as_of`
 *   is the `occurredAt` of the event the price came from, so an older event arriving late never
 *   overwrites a newer price.
 */
export class OrdersTables1763800000000 implements MigrationInterface {
  name = 'OrdersTables1763800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE orders (
  id CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  user_id CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  status VARCHAR(20) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  previous_status VARCHAR(20) CHARACTER SET ascii COLLATE ascii_bin NULL,
  reason VARCHAR(32) CHARACTER SET ascii COLLATE ascii_bin NULL,
  total BIGINT UNSIGNED NOT NULL,
  currency CHAR(3) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  idempotency_key VARCHAR(255) CHARACTER SET ascii COLLATE ascii_bin NULL,
  request_hash CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  deadline_at DATETIME(3) NOT NULL,
  created_at DATETIME(3) NOT NULL,
  updated_at DATETIME(3) NOT NULL,
  version INT UNSIGNED NOT NULL DEFAULT 1,
  PRIMARY KEY (id),
  UNIQUE KEY orders_idempotency_uq (user_id, idempotency_key),
  KEY orders_user_created_idx (user_id, created_at),
  KEY orders_deadline_idx (status, deadline_at)
) ENGINE=InnoDB`);
    await queryRunner.query(`CREATE TABLE order_items (
  order_id CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  line_no SMALLINT UNSIGNED NOT NULL,
  product_id CHAR(24) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  quantity INT UNSIGNED NOT NULL,
  unit_price BIGINT UNSIGNED NOT NULL,
  PRIMARY KEY (order_id, line_no),
  CONSTRAINT order_items_order_fk FOREIGN KEY (order_id) REFERENCES orders (id) ON DELETE CASCADE
) ENGINE=InnoDB`);
    await queryRunner.query(`CREATE TABLE order_timeline (
  seq BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  order_id CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  at DATETIME(3) NOT NULL,
  kind VARCHAR(32) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  from_status VARCHAR(20) CHARACTER SET ascii COLLATE ascii_bin NULL,
  to_status VARCHAR(20) CHARACTER SET ascii COLLATE ascii_bin NULL,
  reason VARCHAR(32) CHARACTER SET ascii COLLATE ascii_bin NULL,
  event_id VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NULL,
  subject VARCHAR(255) CHARACTER SET ascii COLLATE ascii_bin NULL,
  producer VARCHAR(32) CHARACTER SET ascii COLLATE ascii_bin NULL,
  service VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NULL,
  causation_id VARCHAR(128) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL,
  attempt INT UNSIGNED NULL,
  outcome VARCHAR(32) CHARACTER SET ascii COLLATE ascii_bin NULL,
  detail TEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL,
  PRIMARY KEY (seq),
  KEY order_timeline_order_idx (order_id, seq)
) ENGINE=InnoDB`);
    await queryRunner.query(`CREATE TABLE product_prices (
  product_id CHAR(24) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  price BIGINT UNSIGNED NOT NULL,
  currency CHAR(3) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  price_as_of DATETIME(3) NOT NULL,
  updated_at DATETIME(3) NOT NULL,
  PRIMARY KEY (product_id)
) ENGINE=InnoDB`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['product_prices', 'order_timeline', 'order_items', 'orders']) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}

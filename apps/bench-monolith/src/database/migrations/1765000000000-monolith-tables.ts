import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Everything the order needs in one database: users, products with their stock, orders with
 * their lines, payments. The stock check is a conditional UPDATE, so `available` never goes
 * negative (the CHECK is a backstop).
 */
export class MonolithTables1765000000000 implements MigrationInterface {
  name = 'MonolithTables1765000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE users (
  id uuid PRIMARY KEY,
  email text NOT NULL UNIQUE
)`);
    await queryRunner.query(`CREATE TABLE products (
  id char(24) PRIMARY KEY,
  price bigint NOT NULL CHECK (price >= 0),
  currency char(3) NOT NULL,
  available bigint NOT NULL CHECK (available >= 0)
)`);
    await queryRunner.query(`CREATE TABLE orders (
  id uuid PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users (id),
  status varchar(20) NOT NULL,
  reason varchar(32),
  total bigint NOT NULL,
  currency char(3) NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
)`);
    await queryRunner.query(`CREATE TABLE order_items (
  order_id uuid NOT NULL REFERENCES orders (id),
  line_no int NOT NULL,
  product_id char(24) NOT NULL REFERENCES products (id),
  quantity int NOT NULL,
  unit_price bigint NOT NULL,
  PRIMARY KEY (order_id, line_no)
)`);
    await queryRunner.query(`CREATE TABLE payments (
  id uuid PRIMARY KEY,
  order_id uuid NOT NULL UNIQUE REFERENCES orders (id),
  amount bigint NOT NULL,
  currency char(3) NOT NULL,
  status varchar(20) NOT NULL,
  created_at timestamptz NOT NULL
)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['payments', 'order_items', 'orders', 'products', 'users']) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * payment-service's saga journal: one row per event it published or delivery it handled about
 * an order, the entry itself as JSON (its time in `at`). Rows are written in the transaction of
 * what they record; read per order in `seq` order.
 */
export class PaymentTimeline1765000000000 implements MigrationInterface {
  name = 'PaymentTimeline1765000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE payment_timeline (
        seq bigserial PRIMARY KEY,
        order_id uuid NOT NULL,
        at timestamptz NOT NULL DEFAULT clock_timestamp(),
        entry jsonb NOT NULL
      )`);
    await queryRunner.query(
      'CREATE INDEX payment_timeline_order_idx ON payment_timeline (order_id, seq)',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE payment_timeline');
  }
}

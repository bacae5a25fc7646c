import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the saga console reads: every order newest first, all of them
 * (`orders_created_idx`) or of one status (`orders_status_created_idx`, which also serves the
 * counts by status); and the dead-letter sequence of a `DEAD_LETTERED` timeline row, for a
 * replay link.
 */
export class SagaConsole1765000000000 implements MigrationInterface {
  name = 'SagaConsole1765000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE orders
  ADD KEY orders_created_idx (created_at),
  ADD KEY orders_status_created_idx (status, created_at)`);
    await queryRunner.query(
      'ALTER TABLE order_timeline ADD COLUMN dead_letter_sequence BIGINT UNSIGNED NULL',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE order_timeline DROP COLUMN dead_letter_sequence');
    await queryRunner.query(
      'ALTER TABLE orders DROP KEY orders_status_created_idx, DROP KEY orders_created_idx',
    );
  }
}

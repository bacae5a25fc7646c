import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The PSP simulator's books (`PspLedger`): charges and refunds by idempotency key, and the
 * failures scheduled for a key. They stand for the provider's side, not payment-service's.
 */
export class PspSimulatorTables1764000000001 implements MigrationInterface {
  name = 'PspSimulatorTables1764000000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE psp_charges (
        reference varchar(64) PRIMARY KEY,
        idempotency_key varchar(128) NOT NULL UNIQUE,
        status varchar(16) NOT NULL
          CHECK (status IN ('SUCCEEDED', 'DECLINED', 'INVALID_TOKEN', 'VOIDED')),
        amount bigint CHECK (amount >= 0),
        currency char(3),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE psp_refunds (
        reference varchar(64) PRIMARY KEY,
        idempotency_key varchar(128) NOT NULL UNIQUE,
        charge_reference varchar(64) NOT NULL UNIQUE REFERENCES psp_charges (reference),
        amount bigint NOT NULL CHECK (amount >= 0),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE psp_scheduled_failures (
        idempotency_key varchar(128) PRIMARY KEY,
        remaining integer NOT NULL CHECK (remaining >= 0)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE psp_scheduled_failures');
    await queryRunner.query('DROP TABLE psp_refunds');
    await queryRunner.query('DROP TABLE psp_charges');
  }
}

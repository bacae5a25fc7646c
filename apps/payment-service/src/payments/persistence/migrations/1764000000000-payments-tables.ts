import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Payments (one per order, with its claim lease) and their refunds. */
export class PaymentsTables1764000000000 implements MigrationInterface {
  name = 'PaymentsTables1764000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE payments (
        order_id uuid PRIMARY KEY,
        payment_id uuid NOT NULL UNIQUE,
        status varchar(16) NOT NULL CHECK (status IN (
          'PENDING', 'CHARGING', 'CHARGED', 'DECLINED', 'FAILED', 'CANCELLED', 'REFUNDING', 'REFUNDED'
        )),
        amount bigint CHECK (amount >= 0),
        currency char(3),
        payment_token varchar(64),
        psp_reference varchar(64),
        failure_reason varchar(32),
        charge_attempts integer NOT NULL DEFAULT 0,
        claimed_by uuid,
        claimed_until timestamptz,
        cancel_requested_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        -- A tombstone (cancelled before its intent arrived) has no intent; anything else has all of it.
        CONSTRAINT payments_intent_check CHECK (
          (amount IS NOT NULL AND currency IS NOT NULL AND payment_token IS NOT NULL)
          OR (amount IS NULL AND currency IS NULL AND payment_token IS NULL AND status = 'CANCELLED')
        ),
        CONSTRAINT payments_charged_check CHECK (
          status NOT IN ('CHARGED', 'REFUNDING', 'REFUNDED') OR psp_reference IS NOT NULL
        ),
        CONSTRAINT payments_claim_check CHECK (
          (status IN ('CHARGING', 'REFUNDING')) = (claimed_by IS NOT NULL AND claimed_until IS NOT NULL)
        )
      )`);
    await queryRunner.query(`
      CREATE TABLE refunds (
        refund_id uuid PRIMARY KEY,
        order_id uuid NOT NULL UNIQUE REFERENCES payments (order_id),
        payment_id uuid NOT NULL,
        amount bigint NOT NULL CHECK (amount >= 0),
        currency char(3) NOT NULL,
        psp_reference varchar(64) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE refunds');
    await queryRunner.query('DROP TABLE payments');
  }
}

import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { returnedRows } from '../../database/sql-results';
import type { PspChargeStatus } from '../payment-provider';
import { PspLedger, type PspChargeRecord, type PspRefundRecord } from '../psp-ledger';

interface ChargeRow {
  reference: string;
  idempotency_key: string;
  status: PspChargeStatus;
  amount: string | null;
  currency: string | null;
}

interface RefundRow {
  reference: string;
  idempotency_key: string;
  charge_reference: string;
  amount: string;
}

const toCharge = (row: ChargeRow): PspChargeRecord => ({
  reference: row.reference,
  idempotencyKey: row.idempotency_key,
  status: row.status,
  amount: row.amount === null ? null : Number(row.amount),
  currency: row.currency,
});

const toRefund = (row: RefundRow): PspRefundRecord => ({
  reference: row.reference,
  idempotencyKey: row.idempotency_key,
  chargeReference: row.charge_reference,
  amount: Number(row.amount),
});

/**
 * `PspLedger` on payment-service's PostgreSQL, in tables of its own (`psp_*`). Each statement
 * commits alone. An insert racing another with the same key waits for it (unique index), does
 * nothing, and the next statement reads the winner.
 */
@Injectable()
export class PspLedgerRepository extends PspLedger {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async recordCharge(charge: PspChargeRecord): Promise<PspChargeRecord> {
    const inserted = await this.dataSource.query<ChargeRow[]>(
      `INSERT INTO psp_charges (reference, idempotency_key, status, amount, currency)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT (idempotency_key) DO NOTHING RETURNING *`,
      [charge.reference, charge.idempotencyKey, charge.status, charge.amount, charge.currency],
    );
    if (inserted[0]) return toCharge(inserted[0]);
    const [existing] = await this.dataSource.query<ChargeRow[]>(
      'SELECT * FROM psp_charges WHERE idempotency_key = $1',
      [charge.idempotencyKey],
    );
    if (!existing) throw new Error(`psp_charges: no row for a conflicting key`);
    return toCharge(existing);
  }

  async findCharge(reference: string): Promise<PspChargeRecord | undefined> {
    const [row] = await this.dataSource.query<ChargeRow[]>(
      'SELECT * FROM psp_charges WHERE reference = $1',
      [reference],
    );
    return row && toCharge(row);
  }

  async recordRefund(refund: PspRefundRecord): Promise<PspRefundRecord | undefined> {
    const inserted = await this.dataSource.query<RefundRow[]>(
      `INSERT INTO psp_refunds (reference, idempotency_key, charge_reference, amount)
       VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING *`,
      [refund.reference, refund.idempotencyKey, refund.chargeReference, refund.amount],
    );
    if (inserted[0]) return toRefund(inserted[0]);
    const [existing] = await this.dataSource.query<RefundRow[]>(
      'SELECT * FROM psp_refunds WHERE idempotency_key = $1',
      [refund.idempotencyKey],
    );
    return existing && toRefund(existing);
  }

  async scheduleFailures(idempotencyKey: string, count: number): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO psp_scheduled_failures (idempotency_key, remaining) VALUES ($1, $2)
       ON CONFLICT (idempotency_key) DO UPDATE SET remaining = EXCLUDED.remaining`,
      [idempotencyKey, count],
    );
  }

  async takeScheduledFailure(idempotencyKey: string): Promise<boolean> {
    const taken = await this.dataSource.query<unknown[]>(
      `UPDATE psp_scheduled_failures SET remaining = remaining - 1
       WHERE idempotency_key = $1 AND remaining > 0 RETURNING remaining`,
      [idempotencyKey],
    );
    return returnedRows(taken).length > 0;
  }
}

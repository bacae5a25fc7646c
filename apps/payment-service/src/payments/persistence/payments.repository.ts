import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  CLAIM_LEASE_MS,
  type Payment,
  type PaymentIntent,
  type PaymentStatus,
} from '../domain/payment';
import type { Settlement } from '../domain/payment-transitions';
import { BIGINT_AS_NUMBER, PaymentEntity } from './payment.entity';
import { RefundEntity } from './refund.entity';

/** A `payments` row as PostgreSQL returns it (`PAYMENT_COLUMNS`). */
interface PaymentRow {
  order_id: string;
  payment_id: string;
  status: PaymentStatus;
  amount: string | null;
  currency: string | null;
  payment_token: string | null;
  psp_reference: string | null;
  failure_reason: Payment['failureReason'];
  charge_attempts: number;
  claimed_by: string | null;
  claimed_until: Date | null;
  cancel_requested_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

const PAYMENT_COLUMNS =
  'order_id, payment_id, status, amount, currency, payment_token, psp_reference, ' +
  'failure_reason, charge_attempts, claimed_by, claimed_until, cancel_requested_at, ' +
  'created_at, updated_at';

/**
 * What `PaymentEntity` maps a row to. The statements a saga runs on every order are written in
 * SQL: TypeORM's entity queries cost several times more than the round trip.
 */
const paymentOf = (row: PaymentRow): Payment => ({
  orderId: row.order_id,
  paymentId: row.payment_id,
  status: row.status,
  amount: BIGINT_AS_NUMBER.from(row.amount) as number | null,
  currency: row.currency,
  paymentToken: row.payment_token,
  pspReference: row.psp_reference,
  failureReason: row.failure_reason,
  chargeAttempts: row.charge_attempts,
  claimedBy: row.claimed_by,
  claimedUntil: row.claimed_until,
  cancelRequestedAt: row.cancel_requested_at,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

/** A worker's hold on a payment: only the holder of `token` may settle it. */
export interface Claim {
  readonly token: string;
  readonly payment: Payment;
}

export type ClaimKind = 'charge' | 'refund';

/** For each claim: the status it takes the payment from, the one it holds, the one it gives back. */
const CLAIMS = {
  charge: { from: 'PENDING', held: 'CHARGING' },
  refund: { from: 'CHARGED', held: 'REFUNDING' },
} as const satisfies Record<ClaimKind, { from: PaymentStatus; held: PaymentStatus }>;

/**
 * Table `payments` and `refunds`. Every change is a conditional UPDATE or an INSERT (never a
 * read-then-save), so that concurrent deliveries and replicas cannot both win.
 */
@Injectable()
export class PaymentsRepository {
  constructor(private readonly dataSource: DataSource) {}

  find(orderId: string, manager: EntityManager = this.dataSource.manager) {
    return this.select(manager, orderId, '');
  }

  /** Reads the payment and locks its row until `manager`'s transaction ends. */
  lock(manager: EntityManager, orderId: string): Promise<Payment | null> {
    return this.select(manager, orderId, 'FOR UPDATE');
  }

  private async select(
    manager: EntityManager,
    orderId: string,
    locking: '' | 'FOR UPDATE',
  ): Promise<Payment | null> {
    const rows = await manager.query<PaymentRow[]>(
      `SELECT ${PAYMENT_COLUMNS} FROM payments WHERE order_id = $1 ${locking}`,
      [orderId],
    );
    return rows.length === 0 ? null : paymentOf(rows[0]);
  }

  /** Records the intent of an order, unless the order has a payment (or tombstone) already. */
  async insertIntent(
    manager: EntityManager,
    orderId: string,
    intent: PaymentIntent,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO payments (order_id, payment_id, status, amount, currency, payment_token)
       VALUES ($1, $2, 'PENDING', $3, $4, $5) ON CONFLICT (order_id) DO NOTHING`,
      [orderId, randomUUID(), intent.amount, intent.currency, intent.paymentToken],
    );
  }

  /** Records a cancellation that came before the intent: a later intent is then ignored. */
  async insertTombstone(manager: EntityManager, orderId: string): Promise<void> {
    await manager
      .createQueryBuilder()
      .insert()
      .into(PaymentEntity)
      .values({ orderId, paymentId: randomUUID(), status: 'CANCELLED' })
      .orIgnore()
      .execute();
  }

  /**
   * Claims the charge or the refund for `CLAIM_LEASE_MS`: from its free status, or from a
   * holder whose lease ran out (it died, or is too slow: the PSP's idempotency keeps a
   * takeover safe). Undefined when another worker holds it or the status does not allow it.
   */
  async claim(orderId: string, kind: ClaimKind): Promise<Claim | undefined> {
    const { from, held } = CLAIMS[kind];
    const token = randomUUID();
    // One statement, the claimed row returned: this runs once per charge. TypeORM answers an
    // UPDATE on PostgreSQL with [rows, count].
    const [rows] = await this.dataSource.query<[PaymentRow[], number]>(
      `UPDATE payments
          SET status = $1, claimed_by = $2, claimed_until = now() + $3::int * interval '1 millisecond',
              charge_attempts = charge_attempts + $4, updated_at = now()
        WHERE order_id = $5 AND (status = $6 OR (status = $1 AND claimed_until < now()))
        RETURNING ${PAYMENT_COLUMNS}`,
      [held, token, CLAIM_LEASE_MS, kind === 'charge' ? 1 : 0, orderId, from],
    );
    const [row] = rows;
    return row === undefined ? undefined : { token, payment: paymentOf(row) };
  }

  /** Gives a claim back (after a failure), so that a retry need not wait for the lease. */
  async release(orderId: string, { token }: Claim, kind: ClaimKind): Promise<void> {
    await this.dataSource
      .createQueryBuilder()
      .update(PaymentEntity)
      .set({
        status: CLAIMS[kind].from,
        claimedBy: null,
        claimedUntil: null,
        updatedAt: () => 'now()',
      })
      .where('order_id = :orderId AND claimed_by = :token', { orderId, token })
      .execute();
  }

  /** Ends a claim with its outcome; the caller holds the row's lock and checked the claim. */
  async settle(
    manager: EntityManager,
    orderId: string,
    { token }: Claim,
    settlement: Pick<Settlement, 'status' | 'failureReason'> & { pspReference?: string },
  ): Promise<void> {
    const [, affected] = await manager.query<[unknown[], number]>(
      `UPDATE payments
          SET status = $1, failure_reason = $2, psp_reference = COALESCE($3, psp_reference),
              claimed_by = NULL, claimed_until = NULL, updated_at = now()
        WHERE order_id = $4 AND claimed_by = $5`,
      [
        settlement.status,
        settlement.failureReason,
        settlement.pspReference ?? null,
        orderId,
        token,
      ],
    );
    if (affected !== 1) throw new Error(`payment of order ${orderId}: claim not held`);
  }

  /** `PENDING` -> `CANCELLED`; the caller holds the row's lock. */
  async cancel(manager: EntityManager, orderId: string): Promise<void> {
    await manager
      .createQueryBuilder()
      .update(PaymentEntity)
      .set({ status: 'CANCELLED', updatedAt: () => 'now()' })
      .where("order_id = :orderId AND status = 'PENDING'", { orderId })
      .execute();
  }

  /** Flags a charge in flight or to be retried as cancelled: its worker voids or refunds it. */
  async flagCancelled(manager: EntityManager, orderId: string): Promise<void> {
    await manager
      .createQueryBuilder()
      .update(PaymentEntity)
      .set({ cancelRequestedAt: () => 'now()', updatedAt: () => 'now()' })
      .where(
        "order_id = :orderId AND status IN ('PENDING', 'CHARGING') AND cancel_requested_at IS NULL",
        {
          orderId,
        },
      )
      .execute();
  }

  /** The refunds of an order's payment, oldest first. */
  refundsOf(orderId: string): Promise<RefundEntity[]> {
    return this.dataSource.manager.find(RefundEntity, {
      where: { orderId },
      order: { createdAt: 'ASC' },
    });
  }

  async insertRefund(
    manager: EntityManager,
    refund: Omit<RefundEntity, 'createdAt'>,
  ): Promise<void> {
    await manager.insert(RefundEntity, refund);
  }
}

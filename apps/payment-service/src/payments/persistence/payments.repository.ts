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
import { PaymentEntity } from './payment.entity';
import { RefundEntity } from './refund.entity';

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
    return manager.findOneBy(PaymentEntity, { orderId });
  }

  /** Reads the payment and locks its row until `manager`'s transaction ends. */
  lock(manager: EntityManager, orderId: string): Promise<Payment | null> {
    return manager.findOne(PaymentEntity, {
      where: { orderId },
      lock: { mode: 'pessimistic_write' },
    });
  }

  /** Records the intent of an order, unless the order has a payment (or tombstone) already. */
  async insertIntent(
    manager: EntityManager,
    orderId: string,
    intent: PaymentIntent,
  ): Promise<void> {
    await manager
      .createQueryBuilder()
      .insert()
      .into(PaymentEntity)
      .values({ orderId, paymentId: randomUUID(), status: 'PENDING', ...intent })
      .orIgnore()
      .execute();
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
    const result = await this.dataSource
      .createQueryBuilder()
      .update(PaymentEntity)
      .set({
        status: held,
        claimedBy: token,
        claimedUntil: () => `now() + :leaseMs * interval '1 millisecond'`,
        chargeAttempts: () => (kind === 'charge' ? 'charge_attempts + 1' : 'charge_attempts'),
        updatedAt: () => 'now()',
      })
      .where('order_id = :orderId', { orderId })
      .andWhere('(status = :from OR (status = :held AND claimed_until < now()))', { from, held })
      .setParameter('leaseMs', CLAIM_LEASE_MS)
      .execute();
    if (result.affected !== 1) return undefined;
    const payment = await this.find(orderId);
    return payment?.claimedBy === token ? { token, payment } : undefined;
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
    const result = await manager
      .createQueryBuilder()
      .update(PaymentEntity)
      .set({ ...settlement, claimedBy: null, claimedUntil: null, updatedAt: () => 'now()' })
      .where('order_id = :orderId AND claimed_by = :token', { orderId, token })
      .execute();
    if (result.affected !== 1) throw new Error(`payment of order ${orderId}: claim not held`);
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

import type { PaymentFailureReason } from '@polyshop/contracts';
import { Column, Entity, PrimaryColumn, type ValueTransformer } from 'typeorm';
import type { Payment, PaymentStatus } from '../domain/payment';

/** PostgreSQL hands `bigint` back as a string; amounts stay below 2^53 (contracts' `IsAmount`). */
export const BIGINT_AS_NUMBER: ValueTransformer = {
  to: (value: number | null) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};

/** Table `payments` (migration `PaymentsTables1764000000000`). */
@Entity({ name: 'payments' })
export class PaymentEntity implements Payment {
  @PrimaryColumn({ name: 'order_id', type: 'uuid' })
  orderId!: string;

  @Column({ name: 'payment_id', type: 'uuid' })
  paymentId!: string;

  @Column({ type: 'varchar' })
  status!: PaymentStatus;

  @Column({ type: 'bigint', nullable: true, transformer: BIGINT_AS_NUMBER })
  amount!: number | null;

  @Column({ type: 'char', nullable: true })
  currency!: string | null;

  @Column({ name: 'payment_token', type: 'varchar', nullable: true })
  paymentToken!: string | null;

  @Column({ name: 'psp_reference', type: 'varchar', nullable: true })
  pspReference!: string | null;

  @Column({ name: 'failure_reason', type: 'varchar', nullable: true })
  failureReason!: PaymentFailureReason | null;

  @Column({ name: 'charge_attempts', type: 'integer' })
  chargeAttempts!: number;

  @Column({ name: 'claimed_by', type: 'uuid', nullable: true })
  claimedBy!: string | null;

  @Column({ name: 'claimed_until', type: 'timestamptz', nullable: true })
  claimedUntil!: Date | null;

  @Column({ name: 'cancel_requested_at', type: 'timestamptz', nullable: true })
  cancelRequestedAt!: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

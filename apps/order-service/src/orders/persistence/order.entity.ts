import type { OrderReason, OrderStatus } from '@polyshop/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { BIGINT_AS_NUMBER } from '../../database/bigint.transformer';

/** An order (table `orders`, migration `OrdersTables1763800000000`). */
@Entity({ name: 'orders' })
export class OrderEntity {
  @PrimaryColumn({ type: 'char', length: 36 })
  id!: string;

  @Column({ name: 'user_id', type: 'char', length: 36 })
  userId!: string;

  @Column({ type: 'varchar', length: 20 })
  status!: OrderStatus;

  /** The status the latest transition left. */
  @Column({ name: 'previous_status', type: 'varchar', length: 20, nullable: true })
  previousStatus!: OrderStatus | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  reason!: OrderReason | null;

  @Column({ type: 'bigint', unsigned: true, transformer: BIGINT_AS_NUMBER })
  total!: number;

  @Column({ type: 'char', length: 3 })
  currency!: string;

  @Column({ name: 'idempotency_key', type: 'varchar', length: 255, nullable: true })
  idempotencyKey!: string | null;

  @Column({ name: 'request_hash', type: 'char', length: 64 })
  requestHash!: string;

  /** When the deadline sweeper cancels the order if it is still live. */
  @Column({ name: 'deadline_at', type: 'datetime', precision: 3 })
  deadlineAt!: Date;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt!: Date;

  /** Incremented by every transition. */
  @Column({ type: 'int', unsigned: true, default: 1 })
  version!: number;
}

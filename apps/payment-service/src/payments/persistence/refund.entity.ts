import { Column, Entity, PrimaryColumn } from 'typeorm';
import { BIGINT_AS_NUMBER } from './payment.entity';

/** Table `refunds`: at most one per order (unique `order_id`), written with `REFUNDED`. */
@Entity({ name: 'refunds' })
export class RefundEntity {
  @PrimaryColumn({ name: 'refund_id', type: 'uuid' })
  refundId!: string;

  @Column({ name: 'order_id', type: 'uuid' })
  orderId!: string;

  @Column({ name: 'payment_id', type: 'uuid' })
  paymentId!: string;

  @Column({ type: 'bigint', transformer: BIGINT_AS_NUMBER })
  amount!: number;

  @Column({ type: 'char' })
  currency!: string;

  @Column({ name: 'psp_reference', type: 'varchar' })
  pspReference!: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

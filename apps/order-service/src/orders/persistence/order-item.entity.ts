import { Column, Entity, PrimaryColumn } from 'typeorm';
import { BIGINT_AS_NUMBER } from '../../database/bigint.transformer';

/** One line of an order (table `order_items`), one per product. */
@Entity({ name: 'order_items' })
export class OrderItemEntity {
  @PrimaryColumn({ name: 'order_id', type: 'char', length: 36 })
  orderId!: string;

  /** Position of the line in the order, from 0. */
  @PrimaryColumn({ name: 'line_no', type: 'smallint', unsigned: true })
  lineNo!: number;

  @Column({ name: 'product_id', type: 'char', length: 24 })
  productId!: string;

  @Column({ type: 'int', unsigned: true })
  quantity!: number;

  /** Price of one unit when the order was placed, in minor units of the order's currency. */
  @Column({ name: 'unit_price', type: 'bigint', unsigned: true, transformer: BIGINT_AS_NUMBER })
  unitPrice!: number;
}

import { Column, Entity, PrimaryColumn } from 'typeorm';
import { BIGINT_AS_NUMBER } from '../database/bigint.transformer';

/** order-service's copy of a product's price (table `product_prices`). */
@Entity({ name: 'product_prices' })
export class ProductPriceEntity {
  @PrimaryColumn({ name: 'product_id', type: 'char', length: 24 })
  productId!: string;

  @Column({ type: 'bigint', unsigned: true, transformer: BIGINT_AS_NUMBER })
  price!: number;

  @Column({ type: 'char', length: 3 })
  currency!: string;

  /** `occurredAt` of the product event this price comes from. */
  @Column({ name: 'price_as_of', type: 'datetime', precision: 3 })
  priceAsOf!: Date;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt!: Date;
}

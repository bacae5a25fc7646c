import { IsString, Length } from 'class-validator';
import {
  IsAmount,
  IsCount,
  IsCurrencyCode,
  IsProductId,
  IsSku,
} from '../validation/field-decorators';
import type { EventDefinition } from './event-definition';

/** `product.created.v1`: a product joined the catalog with its price and initial stock. */
export class ProductCreatedData {
  @IsProductId()
  productId!: string;

  @IsSku()
  sku!: string;

  @IsString()
  @Length(1, 200)
  name!: string;

  /** Price of one unit in minor units. */
  @IsAmount()
  price!: number;

  @IsCurrencyCode()
  currency!: string;

  /** Units inventory starts with. */
  @IsCount(0)
  initialStock!: number;
}

/** `product.price-changed.v1`: the price of a product changed (orders placed later use it). */
export class ProductPriceChangedData {
  @IsProductId()
  productId!: string;

  @IsAmount()
  price!: number;

  @IsAmount()
  previousPrice!: number;

  @IsCurrencyCode()
  currency!: string;
}

/** Events published by product-service on the `PRODUCT` stream. */
export const PRODUCT_EVENTS = {
  'product.created.v1': {
    type: 'product.created',
    version: 1,
    producer: 'product',
    stream: 'PRODUCT',
    dataClass: ProductCreatedData,
    consumers: ['order-service', 'inventory-service'],
  },
  'product.price-changed.v1': {
    type: 'product.price-changed',
    version: 1,
    producer: 'product',
    stream: 'PRODUCT',
    dataClass: ProductPriceChangedData,
    consumers: ['order-service'],
  },
} as const satisfies Record<string, EventDefinition>;

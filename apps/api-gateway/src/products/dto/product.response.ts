import { ApiProperty } from '@nestjs/swagger';
import type { Page, ProductView } from '@polyshop/contracts';
import type { ProductAvailability, ProductDetails } from '../get-product-details.use-case';

export class ProductResponse implements ProductView {
  @ApiProperty({ example: '665f1c2ab4d3e2f1a0b9c8d7' })
  id!: string;

  @ApiProperty({ example: 'MUG-01' })
  sku!: string;

  @ApiProperty({ example: 'Polyshop mug' })
  name!: string;

  @ApiProperty({ type: String, nullable: true })
  description!: string | null;

  @ApiProperty({ type: 'integer', description: 'Minor units (cents)', example: 1290 })
  price!: number;

  @ApiProperty({ example: 'EUR' })
  currency!: string;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;
}

export class ProductPageResponse implements Page<ProductView> {
  @ApiProperty({ type: [ProductResponse] })
  items!: ProductResponse[];

  @ApiProperty({ type: 'integer', description: 'Size of the whole result' })
  total!: number;
}

export class AvailabilityResponse implements ProductAvailability {
  @ApiProperty({ type: 'integer', description: 'Units that can be ordered now', example: 42 })
  available!: number;
}

export class ProductDetailsResponse extends ProductResponse implements ProductDetails {
  @ApiProperty({
    type: AvailabilityResponse,
    nullable: true,
    description: 'From inventory-service; null while it cannot be reached',
  })
  availability!: AvailabilityResponse | null;
}

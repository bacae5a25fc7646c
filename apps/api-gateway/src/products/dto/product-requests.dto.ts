import { ApiProperty, OmitType } from '@nestjs/swagger';
import {
  CreateProductRequest,
  IsProductId,
  ListProductsRequest,
  MAX_PAGE_SIZE,
  UpdateProductRequest,
} from '@polyshop/contracts';
import { documentFields } from '../../docs/document-fields';
import { numbersFromQuery } from '../../validation/query-numbers';

const PRODUCT_ID = { description: '24-hex product id', example: '665f1c2ab4d3e2f1a0b9c8d7' };

/** Path of `/products/:id`. */
export class ProductIdParams {
  @ApiProperty(PRODUCT_ID)
  @IsProductId()
  id!: string;
}

/** `GET /products?q=&limit=&offset=`: the rules of `rpc.products.list`. */
export class ListProductsQuery extends ListProductsRequest {}
numbersFromQuery(ListProductsQuery, ['limit', 'offset']);
documentFields(ListProductsQuery, {
  q: { required: false, description: 'Search on name and SKU', maxLength: 100 },
  limit: { required: false, type: 'integer', minimum: 1, maximum: MAX_PAGE_SIZE },
  offset: { required: false, type: 'integer', minimum: 0 },
});

/** `POST /products` (admin): the rules of `rpc.products.create`. */
export class CreateProductBody extends CreateProductRequest {}
documentFields(CreateProductBody, {
  sku: { description: 'Letters, digits, `.`, `_`, `-`', maxLength: 64, example: 'MUG-01' },
  name: { maxLength: 200, example: 'Polyshop mug' },
  description: { required: false, maxLength: 2000 },
  price: { type: 'integer', description: 'Minor units (cents)', minimum: 0, example: 1290 },
  currency: { description: 'ISO 4217, upper case', example: 'EUR' },
  initialStock: {
    type: 'integer',
    description: 'Units in stock at creation',
    minimum: 0,
    example: 100,
  },
});

/** `PATCH /products/:id` (admin): only the given fields change. */
export class UpdateProductBody extends OmitType(UpdateProductRequest, ['productId'] as const) {}
documentFields(UpdateProductBody, {
  price: { required: false, type: 'integer', description: 'Minor units (cents)', minimum: 0 },
  name: { required: false, maxLength: 200 },
  description: { required: false, maxLength: 2000 },
});

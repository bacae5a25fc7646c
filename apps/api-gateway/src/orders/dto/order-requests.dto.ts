import { ApiProperty, OmitType } from '@nestjs/swagger';
import {
  ListMyOrdersRequest,
  MAX_LINE_QUANTITY,
  MAX_ORDER_ITEMS,
  MAX_PAGE_SIZE,
  OrderLineDto,
  PAYMENT_TOKENS,
  PlaceOrderRequest,
} from '@polyshop/contracts';
import { IsUUID } from 'class-validator';
import { documentFields } from '../../docs/document-fields';
import { numbersFromQuery } from '../../validation/query-numbers';

/** Path of `/orders/:id...`. */
export class OrderIdParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  id!: string;
}

export class OrderLineBody extends OrderLineDto {}
documentFields(OrderLineBody, {
  productId: { description: '24-hex product id', example: '665f1c2ab4d3e2f1a0b9c8d7' },
  quantity: { type: 'integer', minimum: 1, maximum: MAX_LINE_QUANTITY, example: 2 },
});

/** `POST /orders`: the rules of `rpc.orders.place`; the user comes from the token. */
export class PlaceOrderBody extends OmitType(PlaceOrderRequest, [
  'userId',
  'idempotencyKey',
] as const) {}
documentFields(PlaceOrderBody, {
  items: { type: [OrderLineBody], minItems: 1, maxItems: MAX_ORDER_ITEMS },
  paymentToken: {
    enum: Object.values(PAYMENT_TOKENS),
    description: '`tok_visa` is charged, `tok_chargeDeclined` is declined',
  },
});

/** `GET /orders?limit=&offset=`: the caller's orders, newest first. */
export class ListOrdersQuery extends OmitType(ListMyOrdersRequest, ['userId'] as const) {}
numbersFromQuery(ListOrdersQuery, ['limit', 'offset']);
documentFields(ListOrdersQuery, {
  limit: { required: false, type: 'integer', minimum: 1, maximum: MAX_PAGE_SIZE },
  offset: { required: false, type: 'integer', minimum: 0 },
});

import { OmitType } from '@nestjs/swagger';
import { PlaceOrderRequest } from '@polyshop/contracts';

/** `POST /orders`: the gateway's body, with its rules; the user comes from the token. */
export class PlaceOrderBody extends OmitType(PlaceOrderRequest, [
  'userId',
  'idempotencyKey',
] as const) {}

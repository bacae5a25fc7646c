import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { validationFailed } from '../validation/validation.pipe';

/** Name of the optional header that makes a placement safe to retry. */
export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';

// The rule of `PlaceOrderRequest.idempotencyKey` in the contract.
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

/** The `Idempotency-Key` header, checked (400 naming the header) or `undefined` when absent. */
export const IdempotencyKey = createParamDecorator(
  (_: unknown, context: ExecutionContext): string | undefined => {
    const { headers } = context.switchToHttp().getRequest<FastifyRequest>();
    const value = headers[IDEMPOTENCY_KEY_HEADER.toLowerCase()];
    if (value === undefined) return undefined;
    if (typeof value !== 'string' || !IDEMPOTENCY_KEY.test(value)) {
      throw validationFailed([
        {
          field: IDEMPOTENCY_KEY_HEADER,
          problems: [`${IDEMPOTENCY_KEY_HEADER} must be 1-255 printable ASCII characters`],
        },
      ]);
    }
    return value;
  },
);

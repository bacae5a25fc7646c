import type { ArgumentMetadata } from '@nestjs/common';
import { GatewayError } from '../problems/gateway.errors';
import { ListOrdersQuery, PlaceOrderBody } from '../orders/dto/order-requests.dto';
import { RegisterBody } from '../auth/dto/register.dto';
import { createValidationPipe } from './validation.pipe';

const pipe = createValidationPipe();
const body = (metatype: ArgumentMetadata['metatype']): ArgumentMetadata => ({
  type: 'body',
  metatype,
});
const query = (metatype: ArgumentMetadata['metatype']): ArgumentMetadata => ({
  type: 'query',
  metatype,
});

const failureOf = async (work: Promise<unknown>): Promise<GatewayError> => {
  try {
    await work;
  } catch (error) {
    if (error instanceof GatewayError) return error;
    throw error;
  }
  throw new Error('validation unexpectedly passed');
};

const order = {
  items: [{ productId: '665f1c2ab4d3e2f1a0b9c8d7', quantity: 2 }],
  paymentToken: 'tok_visa',
};

describe('validation pipe', () => {
  it('passes a valid body on as an instance of its DTO', async () => {
    const value: unknown = await pipe.transform(order, body(PlaceOrderBody));

    expect(value).toBeInstanceOf(PlaceOrderBody);
    expect(value).toMatchObject(order);
  });

  it('names every failing field with its dotted path, unknown fields included', async () => {
    const error = await failureOf(
      pipe.transform(
        {
          items: [{ productId: 'x', quantity: 0, price: 1 }],
          paymentToken: 'tok_visa',
          coupon: 'FREE',
        },
        body(PlaceOrderBody),
      ),
    );

    expect(error.code).toBe('VALIDATION.FAILED');
    expect(error.options.fields?.map((f) => f.field).sort()).toEqual([
      'coupon',
      'items.0.price',
      'items.0.productId',
      'items.0.quantity',
    ]);
    expect(error.detail).toContain('coupon: property coupon should not exist');
  });

  it('does not coerce body values: a price as a string stays an error', async () => {
    const error = await failureOf(
      pipe.transform(
        { ...order, items: [{ ...order.items[0], quantity: '2' }] },
        body(PlaceOrderBody),
      ),
    );

    expect(error.options.fields?.map((f) => f.field)).toEqual(['items.0.quantity']);
  });

  it('converts the numbers of a query, and refuses what is not one', async () => {
    await expect(
      pipe.transform({ limit: '20', offset: '40' }, query(ListOrdersQuery)),
    ).resolves.toMatchObject({ limit: 20, offset: 40 });
    const error = await failureOf(pipe.transform({ limit: 'ten' }, query(ListOrdersQuery)));
    expect(error.options.fields?.map((f) => f.field)).toEqual(['limit']);
  });

  it('validates nested objects of a contract DTO (the address of a registration)', async () => {
    const error = await failureOf(
      pipe.transform(
        {
          email: 'ada@example.com',
          password: 'correct horse',
          name: 'Ada',
          address: {
            line1: '1 rue',
            city: 'Paris',
            postalCode: '75002',
            country: 'FR',
            phone: '06',
          },
        },
        body(RegisterBody),
      ),
    );

    expect(error.options.fields?.map((f) => f.field)).toEqual(['address.phone']);
  });
});

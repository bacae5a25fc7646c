import type { LoggerService } from '@nestjs/common';
import { RPC_PATTERNS, type ProductView } from '@polyshop/contracts';
import { mongo } from 'mongoose';
import { ProductNotFoundError } from '../products/domain/product.errors';
import { answerRpc } from './answer-rpc';

const logger: LoggerService = { log: jest.fn(), warn: jest.fn(), error: jest.fn() };
const PRODUCT_ID = '65f1c0ffee00000000000001';
const view: ProductView = {
  id: PRODUCT_ID,
  sku: 'MUG-1',
  name: 'Blue mug',
  description: null,
  price: 1250,
  currency: 'EUR',
  createdAt: '2025-03-01T10:00:00.000Z',
  updatedAt: '2025-03-01T10:00:00.000Z',
};

describe('answerRpc', () => {
  it('answers with what the work returns for a valid request', async () => {
    const work = jest.fn().mockResolvedValue(view);

    const reply = await answerRpc(
      RPC_PATTERNS.PRODUCTS_GET,
      { productId: PRODUCT_ID },
      work,
      logger,
    );

    expect(reply).toEqual(view);
    expect(work).toHaveBeenCalledWith(expect.objectContaining({ productId: PRODUCT_ID }));
  });

  it.each([
    ['a product id that is not an ObjectId', RPC_PATTERNS.PRODUCTS_GET, { productId: 'abc' }],
    [
      'a price that is not an integer',
      RPC_PATTERNS.PRODUCTS_CREATE,
      { sku: 'A-1', name: 'A', price: 12.5, currency: 'EUR', initialStock: 1 },
    ],
    ['an unknown field', RPC_PATTERNS.PRODUCTS_UPDATE, { productId: PRODUCT_ID, currency: 'USD' }],
    ['a page larger than 100', RPC_PATTERNS.PRODUCTS_LIST, { limit: 101 }],
    ['no payload where an id is needed', RPC_PATTERNS.PRODUCTS_GET, undefined],
  ] as const)(
    'rejects %s with VALIDATION.FAILED without running the work',
    async (_, pattern, payload) => {
      const work = jest.fn();

      const reply = await answerRpc(pattern, payload, work, logger);

      expect(reply).toMatchObject({ code: 'VALIDATION.FAILED', status: 400 });
      expect(work).not.toHaveBeenCalled();
    },
  );

  it('takes a missing list payload for the first page of the whole catalog', async () => {
    const work = jest.fn().mockResolvedValue({ items: [], total: 0 });

    const reply = await answerRpc(RPC_PATTERNS.PRODUCTS_LIST, undefined, work, logger);

    expect(reply).toEqual({ items: [], total: 0 });
  });

  it('answers a domain error with its code and status', async () => {
    const work = () => Promise.reject(new ProductNotFoundError(PRODUCT_ID));

    const reply = await answerRpc(
      RPC_PATTERNS.PRODUCTS_GET,
      { productId: PRODUCT_ID },
      work,
      logger,
    );

    expect(reply).toEqual({
      code: 'PRODUCT.NOT_FOUND',
      message: `No product ${PRODUCT_ID}`,
      status: 404,
    });
  });

  it('answers SERVICE.UNAVAILABLE when MongoDB cannot be reached', async () => {
    const work = () => Promise.reject(new mongo.MongoNetworkError('connection reset'));

    const reply = await answerRpc(
      RPC_PATTERNS.PRODUCTS_GET,
      { productId: PRODUCT_ID },
      work,
      logger,
    );

    expect(reply).toMatchObject({ code: 'SERVICE.UNAVAILABLE', status: 503 });
  });

  it('answers INTERNAL.ERROR, without the internal message, for anything else', async () => {
    const work = () => Promise.reject(new Error('secret internals'));

    const reply = await answerRpc(
      RPC_PATTERNS.PRODUCTS_GET,
      { productId: PRODUCT_ID },
      work,
      logger,
    );

    expect(reply).toMatchObject({ code: 'INTERNAL.ERROR', status: 500 });
    expect(JSON.stringify(reply)).not.toContain('secret internals');
  });
});

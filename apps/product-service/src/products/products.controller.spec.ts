import { Logger } from '@nestjs/common';
import { RPC_PATTERNS, type ProductView, type RpcPattern } from '@polyshop/contracts';
import { mongo } from 'mongoose';
import type { CreateProductUseCase } from './create-product.use-case';
import type { Product } from './domain/product';
import { ProductNotFoundError } from './domain/product.errors';
import type { GetProductUseCase } from './get-product.use-case';
import type { ListProductsUseCase } from './list-products.use-case';
import { ProductsController } from './products.controller';
import type { UpdateProductUseCase } from './update-product.use-case';

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
const product: Product = {
  ...view,
  version: 0,
  createdAt: new Date(view.createdAt),
  updatedAt: new Date(view.updatedAt),
};

describe('ProductsController answers', () => {
  const createProduct = { execute: jest.fn() };
  const updateProduct = { execute: jest.fn() };
  const getProduct = { execute: jest.fn() };
  const listProducts = { execute: jest.fn() };
  const useCases = [createProduct, updateProduct, getProduct, listProducts];
  const controller = new ProductsController(
    createProduct as unknown as CreateProductUseCase,
    updateProduct as unknown as UpdateProductUseCase,
    getProduct as unknown as GetProductUseCase,
    listProducts as unknown as ListProductsUseCase,
  );
  const handlers: Partial<Record<RpcPattern, (payload: unknown) => Promise<unknown>>> = {
    [RPC_PATTERNS.PRODUCTS_CREATE]: (payload) => controller.create(payload),
    [RPC_PATTERNS.PRODUCTS_UPDATE]: (payload) => controller.update(payload),
    [RPC_PATTERNS.PRODUCTS_GET]: (payload) => controller.get(payload),
    [RPC_PATTERNS.PRODUCTS_LIST]: (payload) => controller.list(payload),
  };
  const getFailingWith = (error: Error) => {
    getProduct.execute.mockRejectedValue(error);
    return controller.get({ productId: PRODUCT_ID });
  };

  beforeEach(() => {
    useCases.forEach((useCase) => useCase.execute.mockReset());
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
  });

  afterEach(() => jest.restoreAllMocks());

  it('answers with what the work returns for a valid request', async () => {
    getProduct.execute.mockResolvedValue(product);

    const reply = await controller.get({ productId: PRODUCT_ID });

    expect(reply).toEqual(view);
    expect(getProduct.execute).toHaveBeenCalledWith(
      expect.objectContaining({ productId: PRODUCT_ID }),
    );
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
      const reply = await handlers[pattern]?.(payload);

      expect(reply).toMatchObject({ code: 'VALIDATION.FAILED', status: 400 });
      useCases.forEach((useCase) => expect(useCase.execute).not.toHaveBeenCalled());
    },
  );

  it('takes a missing list payload for the first page of the whole catalog', async () => {
    listProducts.execute.mockResolvedValue({ items: [], total: 0 });

    const reply = await controller.list(undefined);

    expect(reply).toEqual({ items: [], total: 0 });
  });

  it('answers a domain error with its code and status', async () => {
    const reply = await getFailingWith(new ProductNotFoundError(PRODUCT_ID));

    expect(reply).toEqual({
      code: 'PRODUCT.NOT_FOUND',
      message: `No product ${PRODUCT_ID}`,
      status: 404,
    });
  });

  it('answers SERVICE.UNAVAILABLE when MongoDB cannot be reached', async () => {
    const reply = await getFailingWith(new mongo.MongoNetworkError('connection reset'));

    expect(reply).toMatchObject({ code: 'SERVICE.UNAVAILABLE', status: 503 });
  });

  it('answers INTERNAL.ERROR, without the internal message, for anything else', async () => {
    const reply = await getFailingWith(new Error('secret internals'));

    expect(reply).toMatchObject({ code: 'INTERNAL.ERROR', status: 500 });
    expect(JSON.stringify(reply)).not.toContain('secret internals');
  });
});

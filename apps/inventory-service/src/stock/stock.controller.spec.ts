import { Logger } from '@nestjs/common';
import type { GetAvailabilityUseCase } from './get-availability.use-case';
import type { SetStockUseCase } from './set-stock.use-case';
import { StockController } from './stock.controller';
import { StockTooLargeError, UnknownProductError } from './stock.errors';

const A = 'aaaaaaaaaaaaaaaaaaaaaaaa';

describe('StockController error replies', () => {
  const setStock = { execute: jest.fn() };
  const controller = new StockController(
    { execute: jest.fn() } as unknown as GetAvailabilityUseCase,
    setStock as unknown as SetStockUseCase,
  );
  const setStockFailingWith = (error: Error) => {
    setStock.execute.mockRejectedValue(error);
    return controller.onSetStock({ productId: A, available: 1 });
  };

  beforeEach(() => {
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
  });

  afterEach(() => jest.restoreAllMocks());

  it('answers an unknown product with INVENTORY.UNKNOWN_PRODUCT (404)', async () => {
    expect(await setStockFailingWith(new UnknownProductError(A))).toEqual({
      code: 'INVENTORY.UNKNOWN_PRODUCT',
      message: `inventory does not know product ${A}`,
      status: 404,
    });
  });

  it('answers a stock too large to count exactly with VALIDATION.FAILED (400)', async () => {
    expect(await setStockFailingWith(new StockTooLargeError(A, '9007199254740993'))).toMatchObject({
      code: 'VALIDATION.FAILED',
      status: 400,
    });
  });

  it('answers a store failure with SERVICE.UNAVAILABLE (503)', async () => {
    expect(await setStockFailingWith(new Error('Connection is closed.'))).toEqual({
      code: 'SERVICE.UNAVAILABLE',
      message: 'inventory-service cannot reach its store, retry later',
      status: 503,
    });
  });
});

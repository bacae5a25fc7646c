import { rpcErrorReply } from './rpc-error-reply';
import { StockTooLargeError, UnknownProductError } from './stock.errors';

const A = 'aaaaaaaaaaaaaaaaaaaaaaaa';

describe('rpcErrorReply', () => {
  it('answers an unknown product with INVENTORY.UNKNOWN_PRODUCT (404)', () => {
    expect(rpcErrorReply(new UnknownProductError(A))).toEqual({
      code: 'INVENTORY.UNKNOWN_PRODUCT',
      message: `inventory does not know product ${A}`,
      status: 404,
    });
  });

  it('answers a stock too large to count exactly with VALIDATION.FAILED (400)', () => {
    expect(rpcErrorReply(new StockTooLargeError(A, '9007199254740993'))).toMatchObject({
      code: 'VALIDATION.FAILED',
      status: 400,
    });
  });

  it('answers a store failure with SERVICE.UNAVAILABLE (503)', () => {
    expect(rpcErrorReply(new Error('Connection is closed.'))).toEqual({
      code: 'SERVICE.UNAVAILABLE',
      message: 'inventory store failed: Connection is closed.',
      status: 503,
    });
  });
});

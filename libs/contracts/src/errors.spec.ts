import {
  ERRORS,
  ERROR_CODES,
  ERROR_CODE_PATTERN,
  isErrorCode,
  isRpcError,
  rpcError,
} from './errors';

describe('error codes', () => {
  it.each(ERROR_CODES)('%s is <AREA>.<REASON> with an error status', (code) => {
    expect(code).toMatch(ERROR_CODE_PATTERN);
    expect(ERRORS[code].status).toBeGreaterThanOrEqual(400);
    expect(ERRORS[code].status).toBeLessThanOrEqual(599);
  });

  it('includes the codes the public API promises', () => {
    expect(ERROR_CODES).toEqual(
      expect.arrayContaining([
        'ORDER.NOT_FOUND',
        'ORDER.ALREADY_TERMINAL',
        'USER.EMAIL_TAKEN',
        'AUTH.INVALID_CREDENTIALS',
        'PRODUCT.NOT_FOUND',
        'PRODUCT.SKU_TAKEN',
        'VALIDATION.FAILED',
      ]),
    );
    expect(isErrorCode('ORDER.NOT_FOUND')).toBe(true);
    expect(isErrorCode('ORDER.LOST')).toBe(false);
  });
});

describe('RPC error replies', () => {
  it('carry the status of their code and survive JSON', () => {
    const reply = rpcError('ORDER.ALREADY_TERMINAL', 'Order is CONFIRMED');

    expect(reply).toEqual({
      code: 'ORDER.ALREADY_TERMINAL',
      message: 'Order is CONFIRMED',
      status: 409,
    });
    expect(isRpcError(JSON.parse(JSON.stringify(reply)))).toBe(true);
  });

  it('name the failing fields of a validation failure', () => {
    const fields = [{ field: 'items.0.quantity', problems: ['quantity must be an integer'] }];

    const reply = rpcError('VALIDATION.FAILED', 'Invalid request', fields);

    expect(reply).toMatchObject({ status: 400, fields });
    expect(isRpcError(reply)).toBe(true);
  });

  it('are told apart from successful replies and malformed errors', () => {
    expect(isRpcError({ id: 'x', status: 'PENDING' })).toBe(false);
    expect(isRpcError({ items: [], total: 0 })).toBe(false);
    expect(isRpcError(null)).toBe(false);
    expect(isRpcError([{ code: 'ORDER.NOT_FOUND', message: 'x' }])).toBe(false);
    expect(isRpcError({ code: 'not found', message: 'x' })).toBe(false);
    expect(isRpcError({ code: 'ORDER.NOT_FOUND', message: 'x', status: 200 })).toBe(false);
    expect(isRpcError({ code: 'ORDER.NOT_FOUND', message: 'x', fields: ['items'] })).toBe(false);
  });

  it('accept a well-formed code this build does not know yet', () => {
    expect(isRpcError({ code: 'SHIPPING.LOST_PARCEL', message: 'x' })).toBe(true);
  });
});

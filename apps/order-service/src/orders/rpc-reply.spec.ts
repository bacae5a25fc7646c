import { Logger } from '@nestjs/common';
import { InvalidOrderError, OrderNotFoundError, UnknownProductError } from './domain/order.errors';
import { replyTo, toRpcErrorReply } from './rpc-reply';

describe('RPC error replies', () => {
  beforeEach(() => {
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
  });

  afterEach(() => jest.restoreAllMocks());

  it('answers a domain error with its code and status', () => {
    expect(toRpcErrorReply('rpc.orders.get', new OrderNotFoundError('o-1'))).toEqual({
      code: 'ORDER.NOT_FOUND',
      message: 'order o-1 not found',
      status: 404,
    });
    expect(toRpcErrorReply('rpc.orders.place', new UnknownProductError(['p1']))).toMatchObject({
      code: 'ORDER.UNKNOWN_PRODUCT',
      status: 422,
    });
  });

  it('names the failing field of an order that cannot be made', () => {
    expect(
      toRpcErrorReply('rpc.orders.place', new InvalidOrderError('items', 'one currency')),
    ).toEqual({
      code: 'VALIDATION.FAILED',
      message: 'items: one currency',
      status: 400,
      fields: [{ field: 'items', problems: ['one currency'] }],
    });
  });

  it('answers SERVICE.UNAVAILABLE while the database cannot be reached', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    expect(toRpcErrorReply('rpc.orders.place', { driverError: refused })).toMatchObject({
      code: 'SERVICE.UNAVAILABLE',
      status: 503,
    });
  });

  it('answers INTERNAL.ERROR for anything else, without leaking its message', async () => {
    const reply = await replyTo('rpc.orders.get', () => Promise.reject(new Error('secret bug')));
    expect(reply).toMatchObject({ code: 'INTERNAL.ERROR', status: 500 });
    expect(JSON.stringify(reply)).not.toContain('secret');
  });

  it('passes a result through', async () => {
    await expect(replyTo('rpc.orders.get', () => Promise.resolve({ id: 'o-1' }))).resolves.toEqual({
      id: 'o-1',
    });
  });
});

import { Logger } from '@nestjs/common';
import { PAYMENT_TOKENS } from '@polyshop/contracts';
import type { CancelOrderUseCase } from './cancel-order.use-case';
import { InvalidOrderError, OrderNotFoundError, UnknownProductError } from './domain/order.errors';
import type { GetOrderUseCase } from './get-order.use-case';
import type { ListAllOrdersUseCase } from './list-all-orders.use-case';
import type { ListMyOrdersUseCase } from './list-my-orders.use-case';
import type { OrderTimelineUseCase } from './order-timeline.use-case';
import { OrdersController } from './orders.controller';
import type { PlaceOrderUseCase } from './place-order.use-case';
import type { SagaStatsUseCase } from './saga-stats.use-case';

const USER_ID = '2f1c7d3e-8a4b-4c5d-9e6f-0a1b2c3d4e5f';
const ORDER_ID = '7a9b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d';
const getRequest = { orderId: ORDER_ID, requester: { userId: USER_ID, role: 'user' } };
const placeRequest = {
  userId: USER_ID,
  items: [{ productId: '65f1c0ffee00000000000001', quantity: 1 }],
  paymentToken: PAYMENT_TOKENS.CHARGED,
};

describe('OrdersController replies', () => {
  const placeOrder = { execute: jest.fn() };
  const getOrder = { execute: jest.fn() };
  const controller = new OrdersController(
    placeOrder as unknown as PlaceOrderUseCase,
    getOrder as unknown as GetOrderUseCase,
    { execute: jest.fn() } as unknown as ListMyOrdersUseCase,
    { execute: jest.fn() } as unknown as CancelOrderUseCase,
    { execute: jest.fn() } as unknown as OrderTimelineUseCase,
    { execute: jest.fn() } as unknown as ListAllOrdersUseCase,
    { execute: jest.fn() } as unknown as SagaStatsUseCase,
  );
  const getFailingWith = (error: unknown) => {
    getOrder.execute.mockRejectedValue(error);
    return controller.get(getRequest);
  };
  const placeFailingWith = (error: unknown) => {
    placeOrder.execute.mockRejectedValue(error);
    return controller.place(placeRequest);
  };

  beforeEach(() => {
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
  });

  afterEach(() => jest.restoreAllMocks());

  it('answers a domain error with its code and status', async () => {
    expect(await getFailingWith(new OrderNotFoundError('o-1'))).toEqual({
      code: 'ORDER.NOT_FOUND',
      message: 'order o-1 not found',
      status: 404,
    });
    expect(await placeFailingWith(new UnknownProductError(['p1']))).toMatchObject({
      code: 'ORDER.UNKNOWN_PRODUCT',
      status: 422,
    });
  });

  it('names the failing field of an order that cannot be made', async () => {
    expect(await placeFailingWith(new InvalidOrderError('items', 'one currency'))).toEqual({
      code: 'VALIDATION.FAILED',
      message: 'items: one currency',
      status: 400,
      fields: [{ field: 'items', problems: ['one currency'] }],
    });
  });

  it('answers SERVICE.UNAVAILABLE while the database cannot be reached', async () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    expect(await placeFailingWith({ driverError: refused })).toMatchObject({
      code: 'SERVICE.UNAVAILABLE',
      status: 503,
    });
  });

  it('answers INTERNAL.ERROR for anything else, without leaking its message', async () => {
    const reply = await getFailingWith(new Error('secret bug'));
    expect(reply).toMatchObject({ code: 'INTERNAL.ERROR', status: 500 });
    expect(JSON.stringify(reply)).not.toContain('secret');
  });

  it('passes a result through', async () => {
    getOrder.execute.mockResolvedValue({ id: 'o-1' });
    await expect(controller.get(getRequest)).resolves.toEqual({
      id: 'o-1',
    });
  });
});

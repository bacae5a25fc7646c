import { waitFor } from '@polyshop/testing';
import {
  admin,
  availabilityOf,
  call,
  expectProblem,
  newProduct,
  newUser,
  placeOrder,
  reaches,
  terminal,
  type OrderView,
  type Session,
} from './support/api';
import { settledMoney } from './support/invariants';
import { E2E_ENV, startApp, stopApp } from './support/platform';

const SAGA_TIMEOUT_MS = Number(E2E_ENV.ORDER_SAGA_TIMEOUT_MS);

describe('the platform with one service down', () => {
  let adminToken: string;
  let shopper: Session;

  beforeAll(async () => {
    adminToken = await admin();
    shopper = await newUser();
  });

  const orderOf = (orderId: string) =>
    call<OrderView>('GET', `/orders/${orderId}`, { token: shopper.token });

  it('cancels with TIMEOUT an order payment-service never answers, releases its stock, and no charge survives its return', async () => {
    const product = await newProduct(adminToken, 4, 3000);
    await stopApp('payment-service');
    let orderId: string;
    try {
      const placed = await placeOrder(shopper.token, [{ productId: product.id, quantity: 2 }]);
      expect(placed.status).toBe(202);
      orderId = placed.body.id;
      await reaches(shopper.token, orderId, 'AWAITING_PAYMENT');
      expect(await availabilityOf(product.id)).toBe(2);

      const timedOut = await terminal(shopper.token, orderId, SAGA_TIMEOUT_MS + 10_000);

      expect(timedOut).toMatchObject({ status: 'CANCELLED', reason: 'TIMEOUT' });
      await waitFor(
        () => availabilityOf(product.id),
        (available) => available === 4,
        { description: 'the timed-out reservation released' },
      );
    } finally {
      await startApp('payment-service');
    }
    const money = await settledMoney(orderId);
    expect(money).toMatchObject({ booksNet: 0, pspNet: 0 });
    expect(money.pspCharges).toBeLessThanOrEqual(1);
    expect((await orderOf(orderId)).body).toMatchObject({ status: 'CANCELLED', reason: 'TIMEOUT' });
  });

  it("accepts and confirms orders while product-service is down, priced from order-service's replica", async () => {
    const product = await newProduct(adminToken, 5, 1234);
    await stopApp('product-service');
    try {
      expectProblem(await call('GET', `/products/${product.id}`), 503, 'SERVICE.UNAVAILABLE');

      const placed = await placeOrder(shopper.token, [{ productId: product.id, quantity: 2 }]);

      expect(placed.status).toBe(202);
      expect(await terminal(shopper.token, placed.body.id)).toMatchObject({
        status: 'CONFIRMED',
        total: 2468,
        items: [{ productId: product.id, quantity: 2, unitPrice: 1234 }],
      });
    } finally {
      await startApp('product-service');
    }
    expect(await availabilityOf(product.id)).toBe(3);
  });

  it('shows availability null while inventory-service is down, and confirms orders placed meanwhile once it is back', async () => {
    const product = await newProduct(adminToken, 6, 800);
    await stopApp('inventory-service');
    let orderId: string;
    try {
      const detail = await call('GET', `/products/${product.id}`);
      expect(detail.status).toBe(200);
      expect(detail.body).toMatchObject({ id: product.id, price: 800, availability: null });

      const placed = await placeOrder(shopper.token, [{ productId: product.id, quantity: 4 }]);
      expect(placed.status).toBe(202);
      orderId = placed.body.id;
      expect((await orderOf(orderId)).body.status).toBe('PENDING');
    } finally {
      await startApp('inventory-service');
    }

    expect(await terminal(shopper.token, orderId)).toMatchObject({
      status: 'CONFIRMED',
      total: 3200,
    });
    expect(await availabilityOf(product.id)).toBe(2);
  });
});

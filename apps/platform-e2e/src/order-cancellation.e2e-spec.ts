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
  type Product,
  type Session,
} from './support/api';
import { readMoneyOf, settledMoney } from './support/invariants';
import { startApp, stopApp } from './support/platform';

const STOCK = 10;

describe('cancellation by the owner', () => {
  let shopper: Session;
  let product: Product;

  beforeAll(async () => {
    const adminToken = await admin();
    shopper = await newUser();
    // One product for the spec: every scenario leaves its stock where it found it, or says so.
    product = await newProduct(adminToken, STOCK, 1500);
  });

  const cancel = (orderId: string) =>
    call<{ id: string; status: string }>('POST', `/orders/${orderId}/cancel`, {
      token: shopper.token,
    });
  const orderOf = (orderId: string) =>
    call<OrderView>('GET', `/orders/${orderId}`, { token: shopper.token });

  it('cancels an order still PENDING (inventory-service down): nothing stays reserved or charged', async () => {
    await stopApp('inventory-service');
    let orderId: string;
    try {
      const placed = await placeOrder(shopper.token, [{ productId: product.id, quantity: 2 }]);
      expect(placed.status).toBe(202);
      orderId = placed.body.id;
      expect((await orderOf(orderId)).body.status).toBe('PENDING');

      const cancelled = await cancel(orderId);

      expect(cancelled.status).toBe(202);
      expect(cancelled.body).toEqual({ id: orderId, status: 'CANCELLED' });
      expect((await orderOf(orderId)).body).toMatchObject({
        status: 'CANCELLED',
        reason: 'CANCELLED_BY_USER',
      });
    } finally {
      await startApp('inventory-service');
    }
    // inventory now sees order.placed and order.cancelled, in either order: nothing is kept.
    await waitFor(
      () => availabilityOf(product.id),
      (available) => available === STOCK,
      { description: `availability ${STOCK} again` },
    );
    const money = await settledMoney(orderId);
    expect(money).toMatchObject({ paymentStatus: 'CANCELLED', pspCharges: 0, pspNet: 0 });
    expect((await orderOf(orderId)).body.status).toBe('CANCELLED');
  });

  it('cancels an order AWAITING_PAYMENT (payment-service down), gives its stock back, and no charge survives', async () => {
    await stopApp('payment-service');
    let orderId: string;
    try {
      const placed = await placeOrder(shopper.token, [{ productId: product.id, quantity: 3 }]);
      expect(placed.status).toBe(202);
      orderId = placed.body.id;
      await reaches(shopper.token, orderId, 'AWAITING_PAYMENT');
      expect(await availabilityOf(product.id)).toBe(STOCK - 3);

      const cancelled = await cancel(orderId);

      expect(cancelled.status).toBe(202);
      expect(cancelled.body).toEqual({ id: orderId, status: 'CANCELLED' });
      expect((await orderOf(orderId)).body).toMatchObject({
        status: 'CANCELLED',
        reason: 'CANCELLED_BY_USER',
      });
      await waitFor(
        () => availabilityOf(product.id),
        (available) => available === STOCK,
        { description: 'the reservation released while payment-service is down' },
      );
    } finally {
      await startApp('payment-service');
    }
    // Back, payment-service meets the intent, the reservation and the cancellation in any order.
    const money = await settledMoney(orderId);
    expect(money).toMatchObject({ booksNet: 0, pspNet: 0 });
    expect(money.pspCharges).toBeLessThanOrEqual(1);
    expect((await orderOf(orderId)).body.status).toBe('CANCELLED');
  });

  it('answers 409 ORDER.ALREADY_TERMINAL to cancelling a CONFIRMED order, which stays paid', async () => {
    const placed = await placeOrder(shopper.token, [{ productId: product.id, quantity: 1 }]);
    const confirmed = await terminal(shopper.token, placed.body.id);
    expect(confirmed).toMatchObject({ status: 'CONFIRMED', total: 1500 });

    const refused = await cancel(placed.body.id);

    expectProblem(refused, 409, 'ORDER.ALREADY_TERMINAL');
    expect((await orderOf(placed.body.id)).body.status).toBe('CONFIRMED');
    const money = await readMoneyOf(placed.body.id);
    expect(money).toMatchObject({ paymentStatus: 'CHARGED', booksNet: 1500, pspNet: 1500 });
    expect(await availabilityOf(product.id)).toBe(STOCK - 1);
  });
});

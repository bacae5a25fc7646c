import { randomUUID } from 'node:crypto';
import { RPC_PATTERNS } from '@polyshop/contracts';
import { metricValue } from '@polyshop/observability';
import { METRICS_PATH } from '@polyshop/service-runtime';
import { waitFor } from '@polyshop/testing';
import { OrderServiceTestApp } from '../testing/order-service.test-app';

/** Saga outcomes in order-service's `GET /metrics`, as its transitions commit (MariaDB, NATS). */
describe('saga outcome metrics', () => {
  let t: OrderServiceTestApp;
  let productId: string;

  const placeOrder = () => t.placeOrder(productId, 1);

  const scrape = async () => (await t.app.inject({ method: 'GET', url: METRICS_PATH })).body;
  const outcomes = async (status: string, reason: string) =>
    metricValue(await scrape(), 'polyshop_saga_outcomes_total', { status, reason });
  const durations = async (status: string) =>
    metricValue(await scrape(), 'polyshop_saga_duration_seconds_count', { status });
  /** Waits until the counter of `status` and `reason` reached `expected`. */
  const counted = (status: string, reason: string, expected: number) =>
    waitFor(
      () => outcomes(status, reason),
      (value) => value === expected,
      { description: `${status} ${reason} counted ${expected} times` },
    );

  beforeAll(async () => {
    t = await OrderServiceTestApp.start();
    productId = await t.seedProduct(900);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('counts a confirmed order once, with its time from placement', async () => {
    const [confirmedBefore, durationsBefore] = [
      await outcomes('CONFIRMED', 'NONE'),
      await durations('CONFIRMED'),
    ];
    const { id } = await placeOrder();
    const reserved = {
      orderId: id,
      items: [{ productId, quantity: 1 }],
      expiresAt: new Date(Date.now() + 60_000).toISOString(),
    };
    await t.publish('inventory.stock-reserved.v1', reserved, { correlationId: id });
    await t.waitForStatus(id, 'AWAITING_PAYMENT');
    expect(await outcomes('CONFIRMED', 'NONE')).toBe(confirmedBefore);

    const paid = { orderId: id, paymentId: randomUUID(), amount: 900, currency: 'EUR' };
    const event = await t.publish('payment.succeeded.v1', paid, { correlationId: id });
    await t.waitForStatus(id, 'CONFIRMED');
    // A redelivery of the same event has no effect, and is not counted again.
    await t.publish('payment.succeeded.v1', paid, { envelope: event }, randomUUID());

    await counted('CONFIRMED', 'NONE', confirmedBefore + 1);
    expect(await durations('CONFIRMED')).toBe(durationsBefore + 1);
  });

  it("counts a user's cancellation with its reason", async () => {
    const before = await outcomes('CANCELLED', 'CANCELLED_BY_USER');
    const { id, requester } = await placeOrder();

    await t.callOk(RPC_PATTERNS.ORDERS_CANCEL, { orderId: id, requester });

    await counted('CANCELLED', 'CANCELLED_BY_USER', before + 1);
  });

  it("counts the deadline sweeper's cancellations as TIMEOUT", async () => {
    const before = await outcomes('CANCELLED', 'TIMEOUT');
    const { id } = await placeOrder();

    await t.dataSource.query(
      'UPDATE orders SET deadline_at = UTC_TIMESTAMP(3) - INTERVAL 1 SECOND WHERE id = ?',
      [id],
    );

    await t.waitForStatus(id, 'CANCELLED');
    await counted('CANCELLED', 'TIMEOUT', before + 1);
  });
});

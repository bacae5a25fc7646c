import { randomUUID } from 'node:crypto';
import { createOutgoingEvent } from '@polyshop/messaging';
import { waitFor } from '@polyshop/testing';
import { stockInvariantViolations } from '../stock/stock-levels';
import { InventoryTestKit } from '../testing/inventory-test-kit';
import { ReservationExpirySweeper } from './reservation-expiry.sweeper';

const TTL_MS = 1_000;

describe('inventory-service reservation expiry (Redis, NATS)', () => {
  let kit: InventoryTestKit;

  beforeAll(async () => {
    kit = await InventoryTestKit.start({ INVENTORY_RESERVATION_TTL_MS: String(TTL_MS) });
  });

  afterAll(async () => {
    await kit?.close();
  });

  const reserve = async (productId: string, quantity: number) => {
    const orderId = kit.newOrderId();
    await kit.publish(
      'order.placed.v1',
      kit.orderPlaced(orderId, [{ productId, quantity }]),
      orderId,
    );
    await kit.reservationIn(orderId, 'HELD');
    return orderId;
  };

  it('gives back a reservation nobody settled within INVENTORY_RESERVATION_TTL_MS, emitting EXPIRED', async () => {
    const productId = await kit.createProduct(5);
    const orderId = await reserve(productId, 2);
    const { expiresAt } = await kit.reservation(orderId);

    const released = await kit.reservationIn(orderId, 'RELEASED');

    expect(released.reason).toBe('EXPIRED');
    expect(Date.now()).toBeGreaterThanOrEqual(Number(expiresAt));
    expect(await kit.stock(productId)).toMatchObject({ available: 5, reserved: 0, sold: 0 });
    expect(await kit.deadlineOf(orderId)).toBeNull();
    const events = await kit.publishedFor(orderId);
    expect(events.map((event) => event.subject)).toEqual([
      'inventory.stock-reserved.v1',
      'inventory.stock-released.v1',
    ]);
    expect(Date.parse(String(events[0].envelope.data.expiresAt))).toBe(Number(expiresAt));
    expect(events[1].envelope).toMatchObject({
      correlationId: orderId,
      causationId: null,
      data: { orderId, items: [{ productId, quantity: 2 }], reason: 'EXPIRED' },
    });
  });

  it('commits nothing when the payment succeeds after the reservation expired', async () => {
    const productId = await kit.createProduct(5);
    const orderId = await reserve(productId, 2);
    await kit.reservationIn(orderId, 'RELEASED');

    const late = await kit.publish(
      'payment.succeeded.v1',
      { orderId, paymentId: randomUUID(), amount: 200, currency: 'EUR' },
      orderId,
    );
    await kit.applied('payment.succeeded.v1', late);

    expect(await kit.reservation(orderId)).toMatchObject({ state: 'RELEASED', reason: 'EXPIRED' });
    expect(await kit.stock(productId)).toMatchObject({ available: 5, reserved: 0, sold: 0 });
  });

  it('releases each expired reservation once with two replicas sweeping', async () => {
    const replica = await kit.startReplica();
    const productId = await kit.createProduct(40);
    const orderIds = Array.from({ length: 20 }, () => kit.newOrderId());
    await kit.publishAll(
      orderIds.map((orderId) =>
        createOutgoingEvent(
          'order.placed.v1',
          kit.orderPlaced(orderId, [{ productId, quantity: 2 }]),
          { correlationId: orderId },
        ),
      ),
    );
    await waitFor(
      () => Promise.all(orderIds.map((orderId) => kit.reservation(orderId))),
      (records) => records.every((record) => record.state !== undefined),
      { description: 'all 20 orders handled', timeoutMs: 30_000 },
    );

    // Besides both replicas' timers, each replica's sweeper sweeps twice at once, a while later.
    const later = new Date(Date.now() + 10 * TTL_MS);
    const sweeps = await Promise.all(
      [kit.app, replica, kit.app, replica].map((app) =>
        app.get(ReservationExpirySweeper).sweep(later),
      ),
    );
    await Promise.all(orderIds.map((orderId) => kit.reservationIn(orderId, 'RELEASED')));

    expect(sweeps.reduce((sum, released) => sum + released, 0)).toBeLessThanOrEqual(20);
    const levels = await kit.stock(productId);
    expect(levels).toEqual({ available: 40, reserved: 0, sold: 0, initial: 40, adjustments: 0 });
    expect(stockInvariantViolations(levels!)).toEqual([]);
    const events = await kit.publishedForAll(orderIds);
    for (const orderId of orderIds) {
      const subjects = (events.get(orderId) ?? []).map((event) => event.subject);
      expect({ orderId, subjects }).toEqual({
        orderId,
        subjects: ['inventory.stock-reserved.v1', 'inventory.stock-released.v1'],
      });
    }
  });
});

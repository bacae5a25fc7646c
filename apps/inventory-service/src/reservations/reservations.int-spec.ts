import { randomUUID } from 'node:crypto';
import { createOutgoingEvent } from '@polyshop/messaging';
import { waitFor } from '@polyshop/testing';
import { stockInvariantViolations } from '../stock/stock-levels';
import { InventoryTestKit, newProductId } from '../testing/inventory-test-kit';
import { ReleaseReservationUseCase } from './release-reservation.use-case';
import { ReserveStockUseCase } from './reserve-stock.use-case';
import { handledEvent } from '../timeline/inventory-journal';

describe('inventory-service reservations (Redis, NATS)', () => {
  let kit: InventoryTestKit;

  const placeOrder = async (lines: { productId: string; quantity: number }[]) => {
    const orderId = kit.newOrderId();
    const placed = await kit.publish('order.placed.v1', kit.orderPlaced(orderId, lines), orderId);
    return { orderId, placed };
  };

  const paymentSucceeded = (orderId: string) =>
    kit.publish(
      'payment.succeeded.v1',
      { orderId, paymentId: randomUUID(), amount: 100, currency: 'EUR' },
      orderId,
    );
  const paymentFailed = (orderId: string) =>
    kit.publish(
      'payment.failed.v1',
      { orderId, paymentId: randomUUID(), reason: 'PAYMENT_DECLINED' },
      orderId,
    );
  const orderCancelled = (orderId: string) =>
    kit.publish(
      'order.cancelled.v1',
      { orderId, reason: 'CANCELLED_BY_USER', previousStatus: 'AWAITING_PAYMENT' },
      orderId,
    );

  const expectInvariant = async (...productIds: string[]) => {
    for (const productId of productIds) {
      const levels = await kit.stock(productId);
      expect({ productId, violations: stockInvariantViolations(levels!) }).toEqual({
        productId,
        violations: [],
      });
    }
  };

  beforeAll(async () => {
    kit = await InventoryTestKit.start();
  });

  afterAll(async () => {
    await kit?.close();
  });

  describe('order.placed.v1', () => {
    it('reserves every item of the order and emits one stock-reserved event with its deadline', async () => {
      const [a, b] = [await kit.createProduct(5), await kit.createProduct(3)];
      const before = Date.now();

      const { orderId, placed } = await placeOrder([
        { productId: a, quantity: 2 },
        { productId: b, quantity: 3 },
        { productId: a, quantity: 1 },
      ]);
      const record = await kit.reservationIn(orderId, 'HELD');

      expect(await kit.stock(a)).toMatchObject({ available: 2, reserved: 3, sold: 0 });
      expect(await kit.stock(b)).toMatchObject({ available: 0, reserved: 3, sold: 0 });
      const events = await kit.publishedFor(orderId);
      expect(events).toHaveLength(1);
      const [reserved] = events;
      expect(reserved).toMatchObject({
        subject: 'inventory.stock-reserved.v1',
        msgId: reserved.envelope.id,
        envelope: {
          correlationId: orderId,
          causationId: placed.id,
          data: {
            orderId,
            items: [
              { productId: a, quantity: 3 },
              { productId: b, quantity: 3 },
            ],
          },
        },
      });
      const expiresAt = Date.parse(String(reserved.envelope.data.expiresAt));
      expect(expiresAt).toBeGreaterThanOrEqual(before + 60_000);
      expect(expiresAt).toBeLessThan(Date.now() + 60_000);
      expect(record.expiresAt).toBe(String(expiresAt));
      expect(await kit.deadlineOf(orderId)).toBe(String(expiresAt));
      await expectInvariant(a, b);
    });

    it('reserves nothing when one item is short, and emits one OUT_OF_STOCK failure listing it', async () => {
      const [a, b] = [await kit.createProduct(5), await kit.createProduct(1)];

      const { orderId } = await placeOrder([
        { productId: a, quantity: 2 },
        { productId: b, quantity: 3 },
      ]);
      await kit.reservationIn(orderId, 'REJECTED');

      expect(await kit.stock(a)).toMatchObject({ available: 5, reserved: 0 });
      expect(await kit.stock(b)).toMatchObject({ available: 1, reserved: 0 });
      const events = await kit.publishedFor(orderId);
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({
        subject: 'inventory.stock-reservation-failed.v1',
        envelope: {
          correlationId: orderId,
          data: {
            orderId,
            reason: 'OUT_OF_STOCK',
            shortages: [{ productId: b, requested: 3, available: 1 }],
          },
        },
      });
      expect(await kit.deadlineOf(orderId)).toBeNull();
    });

    it('reserves nothing for an order naming a product inventory does not know: UNKNOWN_PRODUCT', async () => {
      const known = await kit.createProduct(5);
      const unknown = newProductId();

      const { orderId } = await placeOrder([
        { productId: known, quantity: 1 },
        { productId: unknown, quantity: 2 },
      ]);
      await kit.reservationIn(orderId, 'REJECTED');

      expect(await kit.stock(known)).toMatchObject({ available: 5, reserved: 0 });
      const events = await kit.publishedFor(orderId);
      expect(events.map((event) => event.envelope.data)).toEqual([
        {
          orderId,
          reason: 'UNKNOWN_PRODUCT',
          shortages: [{ productId: unknown, requested: 2, available: 0 }],
        },
      ]);
    });

    it('reserves once per order, whether the same event comes again or another one for the order', async () => {
      const productId = await kit.createProduct(5);
      const { orderId, placed } = await placeOrder([{ productId, quantity: 2 }]);
      await kit.reservationIn(orderId, 'HELD');

      const redelivery = await kit.app
        .get(ReserveStockUseCase)
        .execute(
          { orderId, items: [{ productId, quantity: 2 }] },
          handledEvent(kit.keys, { subject: 'order.placed.v1', eventId: placed.id, attempt: 2 }),
        );
      const second = await kit.publish(
        'order.placed.v1',
        kit.orderPlaced(orderId, [{ productId, quantity: 2 }]),
        orderId,
      );
      await kit.applied('order.placed.v1', second);

      expect(redelivery).toEqual({ kind: 'duplicate' });
      expect(await kit.stock(productId)).toMatchObject({ available: 3, reserved: 2 });
      const events = await kit.publishedFor(orderId);
      expect(events.map((event) => event.subject)).toEqual(['inventory.stock-reserved.v1']);
    });

    it('never oversells: 100 concurrent orders on a stock of 10 reserve exactly 10', async () => {
      const [scarce, plenty] = [await kit.createProduct(10), await kit.createProduct(20)];
      const orderIds = Array.from({ length: 100 }, () => kit.newOrderId());

      await kit.publishAll(
        orderIds.map((orderId) =>
          createOutgoingEvent(
            'order.placed.v1',
            kit.orderPlaced(orderId, [
              { productId: scarce, quantity: 1 },
              { productId: plenty, quantity: 1 },
            ]),
            { correlationId: orderId },
          ),
        ),
      );
      const states = await waitFor(
        () => Promise.all(orderIds.map(async (orderId) => (await kit.reservation(orderId)).state)),
        (found) => found.every((state) => state !== undefined),
        { description: 'all 100 orders handled', timeoutMs: 60_000 },
      );

      const held = orderIds.filter((_, index) => states[index] === 'HELD');
      expect(held).toHaveLength(10);
      expect(states.filter((state) => state === 'REJECTED')).toHaveLength(90);
      expect(await kit.stock(scarce)).toEqual({
        available: 0,
        reserved: 10,
        sold: 0,
        initial: 10,
        adjustments: 0,
      });
      expect(await kit.stock(plenty)).toEqual({
        available: 10,
        reserved: 10,
        sold: 0,
        initial: 20,
        adjustments: 0,
      });
      const events = await kit.publishedForAll(orderIds);
      for (const orderId of orderIds) {
        const subjects = (events.get(orderId) ?? []).map((event) => event.subject);
        expect({ orderId, subjects }).toEqual({
          orderId,
          subjects: held.includes(orderId)
            ? ['inventory.stock-reserved.v1']
            : ['inventory.stock-reservation-failed.v1'],
        });
      }
      await expectInvariant(scarce, plenty);
    });
  });

  describe('payment.succeeded.v1', () => {
    it('commits the reservation: reserved units become sold, and nothing is emitted', async () => {
      const productId = await kit.createProduct(5);
      const { orderId } = await placeOrder([{ productId, quantity: 2 }]);
      await kit.reservationIn(orderId, 'HELD');

      await paymentSucceeded(orderId);
      await kit.reservationIn(orderId, 'COMMITTED');

      expect(await kit.stock(productId)).toMatchObject({ available: 3, reserved: 0, sold: 2 });
      expect(await kit.deadlineOf(orderId)).toBeNull();
      expect(await kit.redis.ttl(kit.keys.reservation(orderId))).toBeGreaterThan(0);
      const events = await kit.publishedFor(orderId);
      expect(events.map((event) => event.subject)).toEqual(['inventory.stock-reserved.v1']);
      await expectInvariant(productId);
    });

    it('commits nothing for a reservation already released, or an order never seen', async () => {
      const productId = await kit.createProduct(5);
      const { orderId } = await placeOrder([{ productId, quantity: 2 }]);
      await kit.reservationIn(orderId, 'HELD');
      await orderCancelled(orderId);
      await kit.reservationIn(orderId, 'RELEASED');
      const neverSeen = kit.newOrderId();

      const late = await paymentSucceeded(orderId);
      const unknown = await paymentSucceeded(neverSeen);
      await kit.applied('payment.succeeded.v1', late);
      await kit.applied('payment.succeeded.v1', unknown);

      expect(await kit.reservation(orderId)).toMatchObject({
        state: 'RELEASED',
        reason: 'ORDER_CANCELLED',
      });
      expect(await kit.reservation(neverSeen)).toEqual({});
      expect(await kit.stock(productId)).toMatchObject({ available: 5, reserved: 0, sold: 0 });
      const events = await kit.publishedFor(orderId);
      expect(events.map((event) => event.subject)).toEqual([
        'inventory.stock-reserved.v1',
        'inventory.stock-released.v1',
      ]);
      await expectInvariant(productId);
    });
  });

  describe('payment.failed.v1 and order.cancelled.v1', () => {
    it.each([
      { subject: 'payment.failed.v1', compensate: paymentFailed, reason: 'PAYMENT_FAILED' },
      { subject: 'order.cancelled.v1', compensate: orderCancelled, reason: 'ORDER_CANCELLED' },
    ] as const)(
      '$subject gives the held units back and emits one stock-released event ($reason)',
      async ({ compensate, reason }) => {
        const productId = await kit.createProduct(5);
        const { orderId } = await placeOrder([{ productId, quantity: 2 }]);
        await kit.reservationIn(orderId, 'HELD');

        const cause = await compensate(orderId);
        await kit.reservationIn(orderId, 'RELEASED');

        expect(await kit.stock(productId)).toMatchObject({ available: 5, reserved: 0, sold: 0 });
        expect(await kit.deadlineOf(orderId)).toBeNull();
        const events = await kit.publishedFor(orderId);
        expect(events.map((event) => event.subject)).toEqual([
          'inventory.stock-reserved.v1',
          'inventory.stock-released.v1',
        ]);
        expect(events[1].envelope).toMatchObject({
          correlationId: orderId,
          causationId: cause.id,
          data: { orderId, items: [{ productId, quantity: 2 }], reason },
        });
        await expectInvariant(productId);
      },
    );

    it('payment.succeeded before order.cancelled: the cancellation gives the sold units back, once, and emits one stock-released event', async () => {
      const productId = await kit.createProduct(5);
      const before = await kit.stock(productId);
      const { orderId } = await placeOrder([{ productId, quantity: 2 }]);
      await kit.reservationIn(orderId, 'HELD');
      await paymentSucceeded(orderId);
      await kit.reservationIn(orderId, 'COMMITTED');

      const cancelled = await orderCancelled(orderId);
      await kit.applied('order.cancelled.v1', cancelled);

      expect(await kit.reservation(orderId)).toMatchObject({
        state: 'RELEASED',
        reason: 'ORDER_CANCELLED',
      });
      expect(await kit.redis.ttl(kit.keys.reservation(orderId))).toBeGreaterThan(0);
      expect(await kit.stock(productId)).toEqual(before);
      await expectInvariant(productId);
      const events = await kit.publishedFor(orderId);
      expect(events.map((event) => event.subject)).toEqual([
        'inventory.stock-reserved.v1',
        'inventory.stock-released.v1',
      ]);
      expect(events[1].envelope).toMatchObject({
        correlationId: orderId,
        causationId: cancelled.id,
        data: { orderId, items: [{ productId, quantity: 2 }], reason: 'ORDER_CANCELLED' },
      });

      const redelivery = await kit.app
        .get(ReleaseReservationUseCase)
        .execute(orderId, 'ORDER_CANCELLED', {
          handled: handledEvent(kit.keys, {
            subject: 'order.cancelled.v1',
            eventId: cancelled.id,
            attempt: 2,
          }),
          orderCancelled: true,
          dueBy: null,
        });

      expect(redelivery).toEqual({ kind: 'duplicate' });
      expect(await kit.stock(productId)).toEqual(before);
      expect(await kit.publishedFor(orderId)).toHaveLength(events.length);
    });

    it('payment.failed.v1 releases nothing for a committed order: only the cancellation gives sold units back', async () => {
      const productId = await kit.createProduct(5);
      const { orderId } = await placeOrder([{ productId, quantity: 2 }]);
      await kit.reservationIn(orderId, 'HELD');
      await paymentSucceeded(orderId);
      await kit.reservationIn(orderId, 'COMMITTED');
      const committed = await kit.stock(productId);

      const failed = await paymentFailed(orderId);
      await kit.applied('payment.failed.v1', failed);

      expect(await kit.reservation(orderId)).toMatchObject({ state: 'COMMITTED' });
      expect(await kit.stock(productId)).toEqual(committed);
      const events = await kit.publishedFor(orderId);
      expect(events.map((event) => event.subject)).toEqual(['inventory.stock-reserved.v1']);
    });

    it('writes nothing when a product holds fewer sold units than the committed reservation to give back', async () => {
      const productId = await kit.createProduct(5);
      const { orderId } = await placeOrder([{ productId, quantity: 2 }]);
      await kit.reservationIn(orderId, 'HELD');
      await paymentSucceeded(orderId);
      await kit.reservationIn(orderId, 'COMMITTED');
      await kit.redis.hincrby(kit.keys.stock(productId), 'sold', -1);
      const corrupt = await kit.stock(productId);
      const handled = handledEvent(kit.keys, {
        subject: 'order.cancelled.v1',
        eventId: randomUUID(),
        attempt: 1,
      });

      const release = kit.app.get(ReleaseReservationUseCase).execute(orderId, 'ORDER_CANCELLED', {
        handled,
        orderCancelled: true,
        dueBy: null,
      });

      await expect(release).rejects.toThrow(kit.keys.stock(productId));
      expect(await kit.redis.exists(handled.inbox.key)).toBe(0);
      expect(await kit.reservation(orderId)).toMatchObject({ state: 'COMMITTED' });
      expect(await kit.stock(productId)).toEqual(corrupt);
      const events = await kit.publishedFor(orderId);
      expect(events.map((event) => event.subject)).toEqual(['inventory.stock-reserved.v1']);
    });

    it('release before reserve: a cancellation first leaves a tombstone, and the late order reserves and emits nothing', async () => {
      const productId = await kit.createProduct(5);
      const orderId = kit.newOrderId();

      await orderCancelled(orderId);
      await kit.reservationIn(orderId, 'CANCELLED');
      const placed = await kit.publish(
        'order.placed.v1',
        kit.orderPlaced(orderId, [{ productId, quantity: 2 }]),
        orderId,
      );
      await kit.applied('order.placed.v1', placed);

      expect(await kit.reservation(orderId)).toEqual({ state: 'CANCELLED' });
      expect(await kit.redis.ttl(kit.keys.reservation(orderId))).toBeGreaterThan(0);
      expect(await kit.stock(productId)).toMatchObject({ available: 5, reserved: 0 });
      expect(await kit.deadlineOf(orderId)).toBeNull();
      expect(await kit.publishedFor(orderId)).toEqual([]);
    });
  });
});

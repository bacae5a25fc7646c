import { randomUUID } from 'node:crypto';
import { RPC_PATTERNS, durableName, type PaymentFailureReason } from '@polyshop/contracts';
import { ConsumptionObservers } from '@polyshop/messaging';
import { waitFor } from '@polyshop/testing';
import { OrderServiceTestApp } from '../testing/order-service.test-app';

/**
 * The order state machine driven by the saga's events, published on the real streams
 * (docs/saga.md): every transition, duplicates and late events.
 */
describe('order saga events (JetStream, MariaDB)', () => {
  let t: OrderServiceTestApp;
  let productId: string;

  const placeOrder = () => t.placeOrder(productId, 2);

  const stockReserved = (orderId: string) =>
    t.publish(
      'inventory.stock-reserved.v1',
      {
        orderId,
        items: [{ productId, quantity: 2 }],
        expiresAt: new Date(Date.now() + 60_000).toISOString(),
      },
      { correlationId: orderId },
    );
  const reservationFailed = (orderId: string) =>
    t.publish(
      'inventory.stock-reservation-failed.v1',
      {
        orderId,
        reason: 'OUT_OF_STOCK',
        shortages: [{ productId, requested: 2, available: 1 }],
      },
      { correlationId: orderId },
    );
  const paymentSucceeded = (orderId: string) =>
    t.publish(
      'payment.succeeded.v1',
      { orderId, paymentId: randomUUID(), amount: 2500, currency: 'EUR' },
      { correlationId: orderId },
    );
  const paymentFailed = (orderId: string, reason: PaymentFailureReason) =>
    t.publish(
      'payment.failed.v1',
      { orderId, paymentId: randomUUID(), reason },
      { correlationId: orderId },
    );

  /** Waits until order-service recorded its handling of `eventId` on the order's timeline. */
  const consumed = (orderId: string, eventId: string, outcome = 'PROCESSED') =>
    waitFor(
      () =>
        t.dataSource.query<{ n: number }[]>(
          'SELECT COUNT(*) AS n FROM order_timeline WHERE order_id = ? AND event_id = ? AND outcome = ?',
          [orderId, eventId, outcome],
        ),
      (rows) => Number(rows[0].n) === 1,
      { description: `${eventId} consumed (${outcome}) for order ${orderId}` },
    );

  beforeAll(async () => {
    t = await OrderServiceTestApp.start();
    productId = await t.seedProduct(1250);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('moves PENDING to AWAITING_PAYMENT on inventory.stock-reserved.v1, announcing nothing', async () => {
    const { id } = await placeOrder();

    await stockReserved(id);

    expect(await t.waitForStatus(id, 'AWAITING_PAYMENT')).toMatchObject({ reason: null });
    expect(await t.appended('order.confirmed.v1', id)).toEqual([]);
    expect(await t.appended('order.cancelled.v1', id)).toEqual([]);
  });

  it('confirms a paid order on payment.succeeded.v1 and publishes exactly one order.confirmed.v1', async () => {
    const { id, requester } = await placeOrder();
    const reserved = await stockReserved(id);
    await t.waitForStatus(id, 'AWAITING_PAYMENT');
    const probe = await t.probe('ORDER');

    const paid = await paymentSucceeded(id);

    await t.waitForStatus(id, 'CONFIRMED');
    const confirmed = await t.appended('order.confirmed.v1', id);
    expect(confirmed).toHaveLength(1);
    expect(confirmed[0].envelope).toMatchObject({
      correlationId: id,
      causationId: paid.id,
      data: { orderId: id, total: 2500, currency: 'EUR' },
    });
    await t.flushOutbox(confirmed[0].id);
    expect(await probe.copiesOf('order.confirmed.v1', confirmed[0].id)).toHaveLength(1);

    const timeline = await t.callOk(RPC_PATTERNS.ORDERS_TIMELINE, { orderId: id, requester });
    expect(timeline.status).toBe('CONFIRMED');
    expect(
      timeline.entries.map((e) => [e.kind, e.subject, 'outcome' in e ? e.outcome : null]),
    ).toEqual([
      ['PUBLISHED', 'order.placed.v1', null],
      ['CONSUMED', 'inventory.stock-reserved.v1', 'PROCESSED'],
      ['CONSUMED', 'payment.succeeded.v1', 'PROCESSED'],
      ['PUBLISHED', 'order.confirmed.v1', null],
    ]);
    expect(timeline.entries.map((e) => e.eventId)).toEqual(
      expect.arrayContaining([reserved.id, paid.id]),
    );
    expect(timeline.transitions.map((s) => [s.from, s.to])).toEqual([
      [null, 'PENDING'],
      ['PENDING', 'AWAITING_PAYMENT'],
      ['AWAITING_PAYMENT', 'CONFIRMED'],
    ]);
  });

  it('rejects the order with the reason of inventory.stock-reservation-failed.v1', async () => {
    const { id } = await placeOrder();

    await reservationFailed(id);

    expect(await t.waitForStatus(id, 'REJECTED')).toMatchObject({ reason: 'OUT_OF_STOCK' });
    expect(await t.appended('order.cancelled.v1', id)).toEqual([]);
  });

  it.each([
    ['PAYMENT_DECLINED', 'PAYMENT_DECLINED'],
    ['INVALID_TOKEN', 'PAYMENT_FAILED'],
  ] as const)(
    'cancels the order on payment.failed.v1 (%s) with reason %s, leaving the release to inventory',
    async (failure, reason) => {
      const { id } = await placeOrder();
      await stockReserved(id);
      await t.waitForStatus(id, 'AWAITING_PAYMENT');

      const failed = await paymentFailed(id, failure);

      expect(await t.waitForStatus(id, 'CANCELLED')).toMatchObject({ reason });
      await consumed(id, failed.id);
      expect(await t.appended('order.cancelled.v1', id)).toEqual([]);
    },
  );

  it('applies a delivered-twice payment.succeeded.v1 once: one transition, one order.confirmed.v1', async () => {
    const { id } = await placeOrder();
    await stockReserved(id);
    await t.waitForStatus(id, 'AWAITING_PAYMENT');

    const paid = await paymentSucceeded(id);
    // The same envelope again under another Nats-Msg-Id: a redelivery the stream cannot dedupe.
    await t.publish('payment.succeeded.v1', paid.data, { envelope: paid }, randomUUID());

    await consumed(id, paid.id, 'DUPLICATE');
    expect(await t.order(id)).toMatchObject({ status: 'CONFIRMED' });
    expect(await t.appended('order.confirmed.v1', id)).toHaveLength(1);
    const rows = await t.timelineRows(id);
    expect(rows.filter((r) => r.kind === 'TRANSITION').map((r) => r.to_status)).toEqual([
      'PENDING',
      'AWAITING_PAYMENT',
      'CONFIRMED',
    ]);
    expect(rows.filter((r) => r.subject === 'payment.succeeded.v1').map((r) => r.outcome)).toEqual([
      'PROCESSED',
      'DUPLICATE',
    ]);
  });

  it('applies a delivered-twice inventory.stock-reserved.v1 once', async () => {
    const { id } = await placeOrder();
    const reserved = await stockReserved(id);
    await t.publish(
      'inventory.stock-reserved.v1',
      reserved.data,
      { envelope: reserved },
      randomUUID(),
    );

    await consumed(id, reserved.id, 'DUPLICATE');
    expect(await t.order(id)).toMatchObject({ status: 'AWAITING_PAYMENT' });
    const transitions = (await t.timelineRows(id)).filter((r) => r.kind === 'TRANSITION');
    expect(transitions.map((r) => r.to_status)).toEqual(['PENDING', 'AWAITING_PAYMENT']);
  });

  it('ignores a late inventory.stock-reserved.v1 once the user cancelled', async () => {
    const { id, requester } = await placeOrder();
    await t.callOk(RPC_PATTERNS.ORDERS_CANCEL, { orderId: id, requester });

    const late = await stockReserved(id);

    await consumed(id, late.id);
    expect(await t.order(id)).toMatchObject({ status: 'CANCELLED', reason: 'CANCELLED_BY_USER' });
    expect(await t.appended('order.cancelled.v1', id)).toHaveLength(1);
  });

  it('confirms a PENDING order whose payment.succeeded.v1 overtook its stock-reserved, which then changes nothing', async () => {
    const { id } = await placeOrder();

    await paymentSucceeded(id);
    await t.waitForStatus(id, 'CONFIRMED');
    const reserved = await stockReserved(id);

    await consumed(id, reserved.id);
    expect(await t.order(id)).toMatchObject({ status: 'CONFIRMED' });
    expect(await t.appended('order.confirmed.v1', id)).toHaveLength(1);
  });

  it('acknowledges an event about an order it does not have, without effect', async () => {
    const jsm = await t.nats.jetstreamManager();
    const durable = durableName('order-service', 'payment.succeeded.v1');
    const stranger = randomUUID();

    await paymentSucceeded(stranger);
    const { seq } = await jsm.streams.getMessage('PAYMENT', {
      last_by_subj: 'payment.succeeded.v1',
    });

    await waitFor(
      () => jsm.consumers.info('PAYMENT', durable),
      (info) => info.ack_floor.stream_seq >= seq,
      { description: `${durable} acked up to ${seq}` },
    );
    expect(await t.order(stranger)).toBeUndefined();
    expect(await t.timelineRows(stranger)).toEqual([]);
  });

  it('journals the retried and dead-lettered deliveries the transport reports on the timeline', async () => {
    const { id, requester } = await placeOrder();
    const reserved = await stockReserved(id);
    await consumed(id, reserved.id);
    const observers = t.app.get(ConsumptionObservers);
    const settled = {
      service: 'order-service',
      subject: 'inventory.stock-reserved.v1',
      durable: durableName('order-service', 'inventory.stock-reserved.v1'),
      envelope: reserved,
      durationMs: 3,
    } as const;

    observers.notify({ ...settled, attempt: 2, outcome: 'RETRIED', detail: 'store down' });
    observers.notify({
      ...settled,
      attempt: 5,
      outcome: 'DEAD_LETTERED',
      reason: 'RETRIES_EXHAUSTED',
      detail: 'store down',
      deadLetterSequence: 42,
    });
    // Not about an order: never journaled.
    observers.notify({ ...settled, subject: 'product.created.v1', attempt: 2, outcome: 'RETRIED' });

    const timeline = await waitFor(
      () => t.callOk(RPC_PATTERNS.ORDERS_TIMELINE, { orderId: id, requester }),
      ({ entries }) => entries.length === 4,
      { description: `order ${id}'s retry and dead letter on its timeline` },
    );
    expect(timeline.entries.slice(2)).toEqual([
      {
        kind: 'CONSUMED',
        at: expect.any(String) as string,
        eventId: reserved.id,
        subject: 'inventory.stock-reserved.v1',
        service: 'order-service',
        attempt: 2,
        outcome: 'RETRIED',
        detail: 'store down',
      },
      {
        kind: 'DEAD_LETTERED',
        at: expect.any(String) as string,
        eventId: reserved.id,
        subject: 'inventory.stock-reserved.v1',
        service: 'order-service',
        reason: 'RETRIES_EXHAUSTED',
        detail: 'store down',
        sequence: 42,
      },
    ]);
    expect(timeline).toMatchObject({
      reason: null,
      placedAt: expect.any(String) as string,
      state: { status: 'AWAITING_PAYMENT', reason: null, total: 2500, currency: 'EUR' },
    });
  });
});

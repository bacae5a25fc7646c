import { randomUUID } from 'node:crypto';
import { ClientProxyFactory, Transport, type ClientProxy } from '@nestjs/microservices';
import { RPC_PATTERNS, isRpcError, type RpcReply, type TimelineEntry } from '@polyshop/contracts';
import { EventPublisher } from '@polyshop/messaging';
import { waitFor } from '@polyshop/testing';
import { firstValueFrom, timeout } from 'rxjs';
import { ORDER_RECORD_TTL_SECONDS } from '../reservations/reservations.constants';
import { InventoryTestKit } from '../testing/inventory-test-kit';

/** inventory's journal of an order, written by its scripts, and `rpc.inventory.timeline`. */
describe('inventory timeline (Redis, NATS, rpc.inventory.timeline)', () => {
  let kit: InventoryTestKit;
  let client: ClientProxy;

  const call = (payload: unknown) =>
    firstValueFrom(
      client
        .send<RpcReply<'rpc.inventory.timeline'>>(RPC_PATTERNS.INVENTORY_TIMELINE, payload)
        .pipe(timeout(5_000)),
    );
  const timelineOf = async (orderId: string) => {
    const reply = await call({ orderId });
    if (isRpcError(reply)) throw new Error(`timeline failed: ${JSON.stringify(reply)}`);
    return reply;
  };
  const summary = (entries: readonly TimelineEntry[]) =>
    entries.map((e) => [
      e.kind,
      e.subject,
      e.kind === 'CONSUMED' ? e.outcome : e.kind === 'PUBLISHED' && e.compensation,
    ]);
  const placeOrder = async (productId: string, quantity = 2) => {
    const orderId = kit.newOrderId();
    const placed = await kit.publish(
      'order.placed.v1',
      kit.orderPlaced(orderId, [{ productId, quantity }]),
      orderId,
    );
    return { orderId, placed };
  };

  beforeAll(async () => {
    kit = await InventoryTestKit.start();
    client = ClientProxyFactory.create({
      transport: Transport.NATS,
      options: { servers: [kit.natsUrl] },
    });
    await client.connect();
  });

  afterAll(async () => {
    await client?.close();
    await kit?.close();
  });

  it('journals the reservation, the event it published and the commit, and shows the reservation', async () => {
    const productId = await kit.createProduct(5);
    const { orderId, placed } = await placeOrder(productId);
    await kit.reservationIn(orderId, 'HELD');
    const [reserved] = await kit.publishedFor(orderId);
    const paid = await kit.publish(
      'payment.succeeded.v1',
      { orderId, paymentId: randomUUID(), amount: 200, currency: 'EUR' },
      orderId,
    );
    await kit.reservationIn(orderId, 'COMMITTED');

    const { entries, state } = await timelineOf(orderId);

    expect(summary(entries)).toEqual([
      ['CONSUMED', 'order.placed.v1', 'PROCESSED'],
      ['PUBLISHED', 'inventory.stock-reserved.v1', false],
      ['CONSUMED', 'payment.succeeded.v1', 'PROCESSED'],
    ]);
    expect(entries.map((e) => e.eventId)).toEqual([placed.id, reserved.envelope.id, paid.id]);
    expect(entries[0]).toMatchObject({ service: 'inventory-service', attempt: 1 });
    expect(entries[1]).toMatchObject({ producer: 'inventory', causationId: placed.id });
    expect(state).toEqual({
      reservation: 'COMMITTED',
      reason: null,
      items: [{ productId, quantity: 2 }],
      expiresAt: null,
    });
    const ttl = await kit.redis.ttl(kit.keys.timeline(orderId));
    expect(ttl).toBeGreaterThan(ORDER_RECORD_TTL_SECONDS - 60);
  });

  it('journals the compensation of a failed payment: the release, published as a compensation', async () => {
    const productId = await kit.createProduct(5);
    const { orderId } = await placeOrder(productId);
    await kit.reservationIn(orderId, 'HELD');
    const failed = await kit.publish(
      'payment.failed.v1',
      { orderId, paymentId: randomUUID(), reason: 'PAYMENT_DECLINED' },
      orderId,
    );
    await kit.reservationIn(orderId, 'RELEASED');

    const { entries, state } = await timelineOf(orderId);

    expect(summary(entries.slice(2))).toEqual([
      ['CONSUMED', 'payment.failed.v1', 'PROCESSED'],
      ['PUBLISHED', 'inventory.stock-released.v1', true],
    ]);
    expect(entries[3]).toMatchObject({ causationId: failed.id });
    expect(state).toMatchObject({ reservation: 'RELEASED', reason: 'PAYMENT_FAILED' });
  });

  it('journals a rejection with the reservation-failed event it published', async () => {
    const productId = await kit.createProduct(1);
    const { orderId } = await placeOrder(productId, 3);
    await kit.reservationIn(orderId, 'REJECTED');

    const { entries, state } = await timelineOf(orderId);

    expect(summary(entries)).toEqual([
      ['CONSUMED', 'order.placed.v1', 'PROCESSED'],
      ['PUBLISHED', 'inventory.stock-reservation-failed.v1', false],
    ]);
    expect(state).toMatchObject({ reservation: 'REJECTED', reason: 'OUT_OF_STOCK' });
  });

  it('says why an event had no effect, and journals a redelivery as a duplicate', async () => {
    const orderId = kit.newOrderId();
    const cancelled = await kit.publish(
      'order.cancelled.v1',
      { orderId, reason: 'TIMEOUT', previousStatus: 'PENDING' },
      orderId,
    );
    await kit.reservationIn(orderId, 'CANCELLED');
    await kit.app.get(EventPublisher).publishBatch([{ ...cancelled, id: randomUUID() }]);

    const { entries, state } = await waitFor(
      () => timelineOf(orderId),
      (timeline) => timeline.entries.length === 2,
      { description: `the duplicate on ${orderId}'s journal`, timeoutMs: 30_000 },
    );

    expect(entries).toEqual([
      expect.objectContaining({
        eventId: cancelled.id,
        outcome: 'PROCESSED',
        detail: 'cancelled before placed: tombstone left',
      }),
      expect.objectContaining({ eventId: cancelled.id, outcome: 'DUPLICATE', attempt: 1 }),
    ]);
    expect(state).toMatchObject({ reservation: 'CANCELLED', items: [] });
  });

  it('answers an unknown order with an empty journal and refuses an order id that is no UUID', async () => {
    expect(await timelineOf(randomUUID())).toEqual({
      entries: [],
      state: { reservation: null, reason: null, items: [], expiresAt: null },
    });
    expect(await call({ orderId: 'nope' })).toMatchObject({ code: 'VALIDATION.FAILED' });
  });
});

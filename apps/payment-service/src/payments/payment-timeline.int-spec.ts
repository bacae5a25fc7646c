import { randomUUID } from 'node:crypto';
import { ClientProxyFactory, Transport, type ClientProxy } from '@nestjs/microservices';
import { LOCAL_URLS } from '@polyshop/config';
import {
  RPC_PATTERNS,
  SUBJECTS,
  isRpcError,
  type RpcReply,
  type TimelineEntry,
} from '@polyshop/contracts';
import { waitFor } from '@polyshop/testing';
import { lastValueFrom, timeout } from 'rxjs';
import { PaymentSagaHarness } from './testing/payment-saga.harness';

/** payment-service's journal of an order and `rpc.payments.timeline`, as the gateway calls it. */
describe('payment timeline (PostgreSQL, NATS, rpc.payments.timeline)', () => {
  let saga: PaymentSagaHarness;
  let client: ClientProxy;

  const call = (payload: unknown) =>
    lastValueFrom(
      client
        .send<RpcReply<'rpc.payments.timeline'>>(RPC_PATTERNS.PAYMENTS_TIMELINE, payload)
        .pipe(timeout(10_000)),
    );
  const timelineOf = async (orderId: string) => {
    const reply = await call({ orderId });
    if (isRpcError(reply)) throw new Error(`timeline failed: ${JSON.stringify(reply)}`);
    return reply;
  };
  const waitForEntries = (orderId: string, count: number) =>
    waitFor(
      () => timelineOf(orderId),
      ({ entries }) => entries.length >= count,
      { description: `${count} journal entries of ${orderId}`, timeoutMs: 30_000 },
    );
  const summary = (entries: readonly TimelineEntry[]) =>
    entries.map((e) => [e.kind, e.subject, e.kind === 'CONSUMED' ? e.outcome : e.eventId]);

  beforeAll(async () => {
    saga = await PaymentSagaHarness.start();
    client = ClientProxyFactory.create({
      transport: Transport.NATS,
      options: { servers: [process.env.NATS_URL ?? LOCAL_URLS.nats] },
    });
  });

  afterAll(async () => {
    await client?.close();
    await saga?.close();
  });

  it('journals the intent, the charge and the event it published, and shows the payment', async () => {
    const orderId = saga.newOrderId();
    const placed = saga.orderPlaced(orderId);
    const reserved = saga.stockReserved(orderId);
    await saga.publish(placed);
    await saga.waitForStatus(orderId, 'PENDING');
    await saga.publish(reserved);
    await saga.waitForStatus(orderId, 'CHARGED');
    const [succeeded] = await saga.publishedEvents(orderId);

    const { entries, state } = await timelineOf(orderId);

    expect(summary(entries)).toEqual([
      ['CONSUMED', SUBJECTS.ORDER_PLACED_V1, 'PROCESSED'],
      ['CONSUMED', SUBJECTS.INVENTORY_STOCK_RESERVED_V1, 'PROCESSED'],
      ['PUBLISHED', SUBJECTS.PAYMENT_SUCCEEDED_V1, succeeded.id],
    ]);
    expect(entries[0]).toMatchObject({
      eventId: placed.id,
      service: 'payment-service',
      attempt: 1,
    });
    expect(entries[2]).toMatchObject({
      producer: 'payment',
      causationId: reserved.id,
      compensation: false,
    });
    const times = entries.map((e) => Date.parse(e.at));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect(state).toEqual({
      payment: 'CHARGED',
      amount: 2500,
      currency: 'EUR',
      failureReason: null,
      chargeAttempts: 1,
      cancelRequested: false,
      refunds: [],
    });
  });

  it('journals a refund as a compensation and a redelivery as a duplicate', async () => {
    const orderId = saga.newOrderId();
    await saga.publish(saga.orderPlaced(orderId));
    await saga.waitForStatus(orderId, 'PENDING');
    await saga.publish(saga.stockReserved(orderId));
    await saga.waitForStatus(orderId, 'CHARGED');
    const cancelled = saga.orderCancelled(orderId);
    await saga.publish(cancelled);
    await saga.waitForStatus(orderId, 'REFUNDED');
    await saga.publish(saga.redelivery(cancelled));

    const { entries, state } = await waitForEntries(orderId, 6);

    expect(summary(entries.slice(3))).toEqual([
      ['CONSUMED', SUBJECTS.ORDER_CANCELLED_V1, 'PROCESSED'],
      ['PUBLISHED', SUBJECTS.PAYMENT_REFUNDED_V1, expect.any(String)],
      ['CONSUMED', SUBJECTS.ORDER_CANCELLED_V1, 'DUPLICATE'],
    ]);
    expect(entries[4]).toMatchObject({ compensation: true, causationId: cancelled.id });
    expect(state).toMatchObject({
      payment: 'REFUNDED',
      refunds: [{ refundId: expect.any(String) as string, amount: 2500, currency: 'EUR' }],
    });
  });

  it('journals a cancellation that found nothing to charge, with what it did', async () => {
    const orderId = saga.newOrderId();
    await saga.publish(saga.orderPlaced(orderId));
    await saga.waitForStatus(orderId, 'PENDING');
    await saga.publish(saga.orderCancelled(orderId));
    await saga.waitForStatus(orderId, 'CANCELLED');

    const { entries, state } = await timelineOf(orderId);

    expect(entries).toEqual([
      expect.objectContaining({ subject: SUBJECTS.ORDER_PLACED_V1, outcome: 'PROCESSED' }),
      expect.objectContaining({
        kind: 'CONSUMED',
        subject: SUBJECTS.ORDER_CANCELLED_V1,
        outcome: 'PROCESSED',
        detail: 'cancelled before any charge',
      }),
    ]);
    expect(state).toMatchObject({ payment: 'CANCELLED', amount: 2500 });
  });

  it('answers an order it never heard of with no entries, and refuses an order id that is no UUID', async () => {
    expect(await timelineOf(randomUUID())).toEqual({
      entries: [],
      state: {
        payment: null,
        amount: null,
        currency: null,
        failureReason: null,
        chargeAttempts: 0,
        cancelRequested: false,
        refunds: [],
      },
    });
    expect(await call({ orderId: 'order-1' })).toMatchObject({ code: 'VALIDATION.FAILED' });
  });
});

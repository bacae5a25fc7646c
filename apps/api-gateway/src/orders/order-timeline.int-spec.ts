import { randomUUID } from 'node:crypto';
import {
  rpcError,
  type InventoryOrderState,
  type OrderTimeline,
  type PaymentOrderState,
  type TimelineEntry,
} from '@polyshop/contracts';
import {
  expectProblem,
  GatewayHarness,
  TEST_RPC_TIMEOUT_MS,
  type TestUser,
} from '../testing/gateway-harness';
import type { SagaTimeline } from './get-order-timeline.use-case';

const orderId = randomUUID();
const at = (ms: number) => new Date(Date.UTC(2026, 0, 1, 12, 0, 0, ms)).toISOString();
const placedId = randomUUID();
const reservedId = randomUUID();
const succeededId = randomUUID();

const orderTimeline = (owner: string): OrderTimeline & { owner: string } => ({
  owner,
  orderId,
  status: 'CONFIRMED',
  reason: null,
  placedAt: at(0),
  state: { status: 'CONFIRMED', reason: null, total: 2500, currency: 'EUR' },
  entries: [
    {
      kind: 'PUBLISHED',
      at: at(1),
      eventId: placedId,
      subject: 'order.placed.v1',
      producer: 'order',
      causationId: null,
      compensation: false,
    },
    {
      kind: 'CONSUMED',
      at: at(40),
      eventId: succeededId,
      subject: 'payment.succeeded.v1',
      service: 'order-service',
      attempt: 1,
      outcome: 'PROCESSED',
    },
  ],
  transitions: [{ at: at(0), from: null, to: 'PENDING', reason: null }],
});

const inventoryEntries: TimelineEntry[] = [
  {
    kind: 'CONSUMED',
    at: at(10),
    eventId: placedId,
    subject: 'order.placed.v1',
    service: 'inventory-service',
    attempt: 1,
    outcome: 'PROCESSED',
  },
  {
    kind: 'PUBLISHED',
    at: at(10),
    eventId: reservedId,
    subject: 'inventory.stock-reserved.v1',
    producer: 'inventory',
    causationId: placedId,
    compensation: false,
  },
];
const inventoryState: InventoryOrderState = {
  reservation: 'COMMITTED',
  reason: null,
  items: [{ productId: '665f1c2ab4d3e2f1a0b9c8d7', quantity: 2 }],
  expiresAt: null,
};
const paymentEntries: TimelineEntry[] = [
  {
    kind: 'PUBLISHED',
    at: at(30),
    eventId: succeededId,
    subject: 'payment.succeeded.v1',
    producer: 'payment',
    causationId: reservedId,
    compensation: false,
  },
];
const paymentState: PaymentOrderState = {
  payment: 'CHARGED',
  amount: 2500,
  currency: 'EUR',
  failureReason: null,
  chargeAttempts: 1,
  cancelRequested: false,
  refunds: [],
};

describe('GET /orders/:id/timeline (gateway composing three fake services)', () => {
  let gateway: GatewayHarness;
  let alice: TestUser;

  const timeline = (user: TestUser) =>
    gateway.request<SagaTimeline>('GET', `/orders/${orderId}/timeline`, { token: user.token });

  beforeAll(async () => {
    gateway = await GatewayHarness.start();
    alice = gateway.userWith('user');
    const { owner, ...reply } = orderTimeline(alice.userId);
    await gateway.fakes.answer('rpc.orders.timeline', ({ requester }) => ({
      reply:
        requester.userId === owner || requester.role === 'admin'
          ? reply
          : rpcError('ORDER.NOT_FOUND', `Order ${orderId} not found`),
    }));
  });

  beforeEach(async () => {
    await gateway.fakes.reply('rpc.inventory.timeline', {
      entries: inventoryEntries,
      state: inventoryState,
    });
    await gateway.fakes.reply('rpc.payments.timeline', {
      entries: paymentEntries,
      state: paymentState,
    });
  });

  afterAll(() => gateway?.stop());

  it("merges the three services' entries by time and shows each one's view of the order", async () => {
    const answer = await timeline(alice);

    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      orderId,
      status: 'CONFIRMED',
      reason: null,
      placedAt: at(0),
      participants: [
        { service: 'order-service', available: true, state: { status: 'CONFIRMED' } },
        { service: 'inventory-service', available: true, state: inventoryState },
        { service: 'payment-service', available: true, state: paymentState },
      ],
      transitions: [{ from: null, to: 'PENDING' }],
    });
    expect(answer.body.entries.map((e) => [e.at, e.kind, e.subject])).toEqual([
      [at(1), 'PUBLISHED', 'order.placed.v1'],
      [at(10), 'CONSUMED', 'order.placed.v1'],
      [at(10), 'PUBLISHED', 'inventory.stock-reserved.v1'],
      [at(30), 'PUBLISHED', 'payment.succeeded.v1'],
      [at(40), 'CONSUMED', 'payment.succeeded.v1'],
    ]);
    expect(gateway.fakes.lastCallOf('rpc.payments.timeline').payload).toEqual({ orderId });
  });

  it('answers 200 without the entries of a participant that is down, saying why', async () => {
    await gateway.fakes.down('rpc.payments.timeline');

    const answer = await timeline(alice);

    expect(answer.status).toBe(200);
    expect(answer.body.participants[2]).toEqual({
      service: 'payment-service',
      available: false,
      state: null,
      error: expect.stringContaining('payment-service') as string,
    });
    expect(answer.body.participants[1]).toMatchObject({ available: true });
    expect(
      answer.body.entries.some((e) => e.kind === 'PUBLISHED' && e.producer === 'payment'),
    ).toBe(false);
    expect(answer.body.entries).toHaveLength(4);
  });

  it('bounds a participant that hangs by the RPC deadline, and one that fails is unavailable too', async () => {
    await gateway.fakes.hang('rpc.inventory.timeline');
    await gateway.fakes.answer('rpc.payments.timeline', () => ({ fail: 'boom' }));
    const started = Date.now();

    const answer = await timeline(alice);

    expect(Date.now() - started).toBeLessThan(TEST_RPC_TIMEOUT_MS * 4);
    expect(answer.status).toBe(200);
    expect(answer.body.participants.map((p) => [p.service, p.available])).toEqual([
      ['order-service', true],
      ['inventory-service', false],
      ['payment-service', false],
    ]);
    expect(answer.body.participants[1].error).toContain(`${TEST_RPC_TIMEOUT_MS} ms`);
    expect(answer.body.entries).toHaveLength(2);
  });

  it("answers 404 for another user's order without asking the other services", async () => {
    const before = gateway.fakes.callsOf('rpc.inventory.timeline').length;

    const answer = await timeline(gateway.userWith('user'));

    expectProblem(answer, 404, 'ORDER.NOT_FOUND');
    expect(gateway.fakes.callsOf('rpc.inventory.timeline')).toHaveLength(before);
  });

  it('answers 503 when order-service is down: without it nobody may see the order', async () => {
    await gateway.fakes.down('rpc.orders.timeline');

    expectProblem(await timeline(alice), 503, 'SERVICE.UNAVAILABLE');
  });
});

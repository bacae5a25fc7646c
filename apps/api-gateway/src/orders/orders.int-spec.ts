import { randomUUID } from 'node:crypto';
import { rpcError, TERMINAL_ORDER_STATUSES, type OrderView } from '@polyshop/contracts';
import { HEADERS } from '@polyshop/messaging';
import {
  anyString,
  expectProblem,
  GatewayHarness,
  type TestUser,
} from '../testing/gateway-harness';

const mugId = '665f1c2ab4d3e2f1a0b9c8d7';
const order = { items: [{ productId: mugId, quantity: 2 }], paymentToken: 'tok_visa' };

/** A fake order-service that keeps its orders in memory and checks ownership as the real one. */
async function fakeOrderService(gateway: GatewayHarness) {
  const orders = new Map<string, { owner: string; view: OrderView }>();
  const visible = (orderId: string, requester: { userId: string; role: string }) => {
    const stored = orders.get(orderId);
    return stored && (stored.owner === requester.userId || requester.role === 'admin')
      ? stored
      : undefined;
  };
  const notFound = (orderId: string) => rpcError('ORDER.NOT_FOUND', `Order ${orderId} not found`);
  await gateway.fakes.answer('rpc.orders.place', ({ userId, items }) => {
    const id = randomUUID();
    const now = new Date().toISOString();
    const view: OrderView = {
      id,
      status: 'PENDING',
      reason: null,
      items: items.map((item) => ({ ...item, unitPrice: 1290 })),
      total: 1290 * items.reduce((sum, item) => sum + item.quantity, 0),
      currency: 'EUR',
      createdAt: now,
      updatedAt: now,
    };
    orders.set(id, { owner: userId, view });
    return { reply: { id, status: 'PENDING' as const } };
  });
  await gateway.fakes.answer('rpc.orders.get', ({ orderId, requester }) => {
    const stored = visible(orderId, requester);
    return { reply: stored ? stored.view : notFound(orderId) };
  });
  await gateway.fakes.answer('rpc.orders.list-mine', ({ userId }) => {
    const mine = [...orders.values()].filter((o) => o.owner === userId).map((o) => o.view);
    return { reply: { items: mine, total: mine.length } };
  });
  await gateway.fakes.answer('rpc.orders.cancel', ({ orderId, requester }) => {
    const stored = orders.get(orderId);
    if (!stored || stored.owner !== requester.userId) return { reply: notFound(orderId) };
    if ((TERMINAL_ORDER_STATUSES as readonly string[]).includes(stored.view.status)) {
      return { reply: rpcError('ORDER.ALREADY_TERMINAL', `Order ${orderId} is final`) };
    }
    stored.view = { ...stored.view, status: 'CANCELLED', reason: 'CANCELLED_BY_USER' };
    return { reply: { id: orderId, status: 'CANCELLED' as const } };
  });
  await gateway.fakes.answer('rpc.orders.timeline', ({ orderId, requester }) => {
    const stored = visible(orderId, requester);
    if (!stored) return { reply: notFound(orderId) };
    const { status, reason, total, currency, createdAt } = stored.view;
    return {
      reply: {
        orderId,
        status,
        reason,
        placedAt: createdAt,
        state: { status, reason, total, currency },
        entries: [],
        transitions: [],
      },
    };
  });
  return {
    confirm(orderId: string) {
      const stored = orders.get(orderId);
      if (stored) stored.view = { ...stored.view, status: 'CONFIRMED' };
    },
  };
}

describe('orders (gateway against fake services)', () => {
  let gateway: GatewayHarness;
  let orderService: Awaited<ReturnType<typeof fakeOrderService>>;
  let alice: TestUser;
  let bob: TestUser;

  const place = (user: TestUser, headers: Record<string, string> = {}) =>
    gateway.request<{ id: string; status: string }>('POST', '/orders', {
      token: user.token,
      body: order,
      headers,
    });

  beforeAll(async () => {
    gateway = await GatewayHarness.start();
    orderService = await fakeOrderService(gateway);
  });

  beforeEach(() => {
    alice = gateway.userWith('user');
    bob = gateway.userWith('user');
  });

  afterAll(() => gateway?.stop());

  describe('POST /orders', () => {
    it('answers 202 PENDING, placing the order for the user of the token', async () => {
      const answer = await place(alice);

      expect(answer.status).toBe(202);
      expect(answer.body).toEqual({ id: anyString(), status: 'PENDING' });
      expect(gateway.fakes.lastCallOf('rpc.orders.place').payload).toEqual({
        userId: alice.userId,
        ...order,
      });
    });

    it('passes the Idempotency-Key header on as idempotencyKey', async () => {
      const key = `checkout-${randomUUID()}`;

      await place(alice, { 'Idempotency-Key': key });

      expect(gateway.fakes.lastCallOf('rpc.orders.place').payload).toEqual({
        userId: alice.userId,
        ...order,
        idempotencyKey: key,
      });
    });

    it('answers 400 naming the header for an Idempotency-Key that is not printable ASCII', async () => {
      const answer = await place(alice, { 'Idempotency-Key': 'clé' });

      const problem = expectProblem(answer, 400, 'VALIDATION.FAILED');
      expect(problem.errors?.map((e) => e.field)).toEqual(['Idempotency-Key']);
    });

    it('continues the caller’s correlation id and trace on the request to order-service', async () => {
      const correlationId = `checkout-${randomUUID()}`;
      const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

      await place(alice, { 'x-correlation-id': correlationId, traceparent });

      expect(gateway.fakes.lastCallOf('rpc.orders.place').headers).toMatchObject({
        [HEADERS.correlationId]: correlationId,
        [HEADERS.traceparent]: traceparent,
      });
    });

    it('starts a correlation id and a trace when the caller sent none', async () => {
      await place(alice);

      const { headers } = gateway.fakes.lastCallOf('rpc.orders.place');
      expect(headers[HEADERS.correlationId]).toEqual(anyString());
      expect(headers[HEADERS.traceparent]).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    });

    it.each([
      ['an unknown payment token', { ...order, paymentToken: 'tok_amex' }, 'paymentToken'],
      ['no items', { ...order, items: [] }, 'items'],
      [
        'a quantity of 0',
        { ...order, items: [{ productId: mugId, quantity: 0 }] },
        'items.0.quantity',
      ],
      [
        'an unknown field in a line',
        { ...order, items: [{ productId: mugId, quantity: 1, price: 1 }] },
        'items.0.price',
      ],
      ['a userId in the body', { ...order, userId: randomUUID() }, 'userId'],
    ])('answers 400 for %s', async (_, body, field) => {
      const answer = await gateway.request('POST', '/orders', { token: alice.token, body });

      const problem = expectProblem(answer, 400, 'VALIDATION.FAILED');
      expect(problem.errors?.map((e) => e.field)).toContain(field);
    });

    it('answers 401 without a token', async () => {
      const answer = await gateway.request('POST', '/orders', { body: order });

      expectProblem(answer, 401, 'AUTH.UNAUTHENTICATED');
    });
  });

  describe('reading orders', () => {
    it('GET /orders/:id answers the owner with the order', async () => {
      const { body: placed } = await place(alice);

      const answer = await gateway.request('GET', `/orders/${placed.id}`, { token: alice.token });

      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({ id: placed.id, status: 'PENDING', total: 2580 });
      expect(gateway.fakes.lastCallOf('rpc.orders.get').payload).toEqual({
        orderId: placed.id,
        requester: { userId: alice.userId, role: 'user' },
      });
    });

    it("answers 404 ORDER.NOT_FOUND for another user's order, for its timeline and its cancel", async () => {
      const { body: placed } = await place(alice);

      const read = await gateway.request('GET', `/orders/${placed.id}`, { token: bob.token });
      const timeline = await gateway.request('GET', `/orders/${placed.id}/timeline`, {
        token: bob.token,
      });
      const cancel = await gateway.request('POST', `/orders/${placed.id}/cancel`, {
        token: bob.token,
      });

      expectProblem(read, 404, 'ORDER.NOT_FOUND');
      expectProblem(timeline, 404, 'ORDER.NOT_FOUND');
      expectProblem(cancel, 404, 'ORDER.NOT_FOUND');
    });

    it("lets an admin read anyone's order and its timeline", async () => {
      const admin = gateway.userWith('admin');
      const { body: placed } = await place(alice);

      const read = await gateway.request('GET', `/orders/${placed.id}`, { token: admin.token });
      const timeline = await gateway.request('GET', `/orders/${placed.id}/timeline`, {
        token: admin.token,
      });

      expect(read.status).toBe(200);
      expect(timeline.status).toBe(200);
      expect(timeline.body).toMatchObject({
        orderId: placed.id,
        status: 'PENDING',
        participants: [{ service: 'order-service', available: true }, {}, {}],
        entries: [],
      });
    });

    it("GET /orders answers the caller's orders only", async () => {
      const first = await place(alice);
      const second = await place(alice);
      await place(bob);

      const answer = await gateway.request<{ items: OrderView[]; total: number }>(
        'GET',
        '/orders?limit=10',
        { token: alice.token },
      );

      expect(answer.status).toBe(200);
      expect(answer.body.items.map((o) => o.id).sort()).toEqual(
        [first.body.id, second.body.id].sort(),
      );
      expect(gateway.fakes.lastCallOf('rpc.orders.list-mine').payload).toEqual({
        userId: alice.userId,
        limit: 10,
      });
    });

    it('answers 400 for an order id that is not a UUID', async () => {
      const answer = await gateway.request('GET', '/orders/42', { token: alice.token });

      expectProblem(answer, 400, 'VALIDATION.FAILED');
    });
  });

  describe('POST /orders/:id/cancel', () => {
    it('answers 202 with the cancelled order', async () => {
      const { body: placed } = await place(alice);

      const answer = await gateway.request('POST', `/orders/${placed.id}/cancel`, {
        token: alice.token,
      });

      expect(answer.status).toBe(202);
      expect(answer.body).toEqual({ id: placed.id, status: 'CANCELLED' });
    });

    it('answers 409 ORDER.ALREADY_TERMINAL for a confirmed order', async () => {
      const { body: placed } = await place(alice);
      orderService.confirm(placed.id);

      const answer = await gateway.request('POST', `/orders/${placed.id}/cancel`, {
        token: alice.token,
      });

      expectProblem(answer, 409, 'ORDER.ALREADY_TERMINAL');
    });
  });

  it('answers 503 SERVICE.UNAVAILABLE for every order route while order-service is down', async () => {
    const { body: placed } = await place(alice);
    await gateway.fakes.down('rpc.orders.place', 'rpc.orders.get');
    try {
      expectProblem(await place(alice), 503, 'SERVICE.UNAVAILABLE');
      const read = await gateway.request('GET', `/orders/${placed.id}`, { token: alice.token });
      expectProblem(read, 503, 'SERVICE.UNAVAILABLE');
    } finally {
      orderService = await fakeOrderService(gateway);
    }
  });
});

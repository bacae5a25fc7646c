import { randomUUID } from 'node:crypto';
import { RPC_PATTERNS, isRpcError, type RequesterDto } from '@polyshop/contracts';
import type { Subscription } from 'nats';
import {
  OrderServiceTestApp,
  anyString,
  matching,
  newProductId,
} from '../testing/order-service.test-app';

const {
  ORDERS_PLACE,
  ORDERS_GET,
  ORDERS_LIST_MINE,
  ORDERS_CANCEL,
  ORDERS_TIMELINE,
  ORDERS_LIST_ALL,
  ORDERS_SAGA_STATS,
} = RPC_PATTERNS;

describe('orders (rpc.orders.*, MariaDB, NATS)', () => {
  let t: OrderServiceTestApp;
  let book: string;
  let pen: string;

  const owner = (): RequesterDto => ({ userId: randomUUID(), role: 'user' });
  const place = (userId: string, extra: Record<string, unknown> = {}) =>
    t.callOk(ORDERS_PLACE, {
      userId,
      items: [
        { productId: book, quantity: 2 },
        { productId: pen, quantity: 3 },
      ],
      paymentToken: 'tok_visa',
      ...extra,
    });

  beforeAll(async () => {
    t = await OrderServiceTestApp.start();
    [book, pen] = await Promise.all([t.seedProduct(1250), t.seedProduct(99)]);
  });

  afterAll(async () => {
    await t?.close();
  });

  describe('placing an order', () => {
    it('stores it PENDING and publishes exactly one order.placed.v1 priced from the replica', async () => {
      const probe = await t.probe('ORDER');
      const { userId } = owner();

      const accepted = await place(userId);

      expect(accepted).toEqual({ id: anyString(), status: 'PENDING' });
      expect(await t.order(accepted.id)).toEqual({
        status: 'PENDING',
        reason: null,
        total: '2797',
        currency: 'EUR',
      });
      const appended = await t.appended('order.placed.v1', accepted.id);
      expect(appended).toHaveLength(1);
      expect(appended[0].envelope).toMatchObject({
        correlationId: accepted.id,
        producer: 'order',
        data: {
          orderId: accepted.id,
          userId,
          items: [
            { productId: book, quantity: 2, unitPrice: 1250 },
            { productId: pen, quantity: 3, unitPrice: 99 },
          ],
          total: 2797,
          currency: 'EUR',
          paymentToken: 'tok_visa',
        },
      });
      await t.flushOutbox(appended[0].id);
      expect(await probe.copiesOf('order.placed.v1', appended[0].id)).toHaveLength(1);
    });

    it('answers a repeated Idempotency-Key with the same order, without a second order or event', async () => {
      const { userId } = owner();
      const idempotencyKey = `key-${randomUUID()}`;

      const first = await place(userId, { idempotencyKey });
      const again = await place(userId, { idempotencyKey });
      const racing = await Promise.all([
        place(userId, { idempotencyKey }),
        place(userId, { idempotencyKey }),
      ]);

      expect([again, ...racing]).toEqual([first, first, first]);
      const mine = await t.callOk(ORDERS_LIST_MINE, { userId });
      expect(mine.total).toBe(1);
      expect(await t.appended('order.placed.v1', first.id)).toHaveLength(1);
    });

    it('keeps Idempotency-Keys apart per user', async () => {
      const idempotencyKey = `key-${randomUUID()}`;
      const a = await place(owner().userId, { idempotencyKey });
      const b = await place(owner().userId, { idempotencyKey });
      expect(a.id).not.toBe(b.id);
    });

    it('refuses an Idempotency-Key reused for a different order with ORDER.IDEMPOTENCY_KEY_REUSED', async () => {
      const { userId } = owner();
      const idempotencyKey = `key-${randomUUID()}`;
      await place(userId, { idempotencyKey });

      const reply = await t.call(ORDERS_PLACE, {
        userId,
        items: [{ productId: book, quantity: 5 }],
        paymentToken: 'tok_visa',
        idempotencyKey,
      });

      expect(reply).toMatchObject({ code: 'ORDER.IDEMPOTENCY_KEY_REUSED', status: 422 });
      expect((await t.callOk(ORDERS_LIST_MINE, { userId })).total).toBe(1);
    });

    it('refuses a product the replica does not know with ORDER.UNKNOWN_PRODUCT, storing nothing', async () => {
      const { userId } = owner();
      const unknown = newProductId();

      const reply = await t.call(ORDERS_PLACE, {
        userId,
        items: [
          { productId: book, quantity: 1 },
          { productId: unknown, quantity: 1 },
        ],
        paymentToken: 'tok_visa',
      });

      expect(reply).toMatchObject({ code: 'ORDER.UNKNOWN_PRODUCT', status: 422 });
      expect(JSON.stringify(reply)).toContain(unknown);
      expect((await t.callOk(ORDERS_LIST_MINE, { userId })).total).toBe(0);
    });

    it('refuses products priced in different currencies', async () => {
      const dollars = await t.seedProduct(500, 'USD');
      const reply = await t.call(ORDERS_PLACE, {
        userId: randomUUID(),
        items: [
          { productId: book, quantity: 1 },
          { productId: dollars, quantity: 1 },
        ],
        paymentToken: 'tok_visa',
      });
      expect(reply).toMatchObject({
        code: 'VALIDATION.FAILED',
        fields: [{ field: 'items', problems: [expect.stringContaining('one currency') as string] }],
      });
    });

    it('refuses an invalid request naming the bad fields', async () => {
      const reply = await t.call(ORDERS_PLACE, {
        userId: 'me',
        items: [],
        paymentToken: 'tok_unknown',
      });
      expect(reply).toMatchObject({ code: 'VALIDATION.FAILED', status: 400 });
      expect(isRpcError(reply) && reply.fields?.map((f) => f.field).sort()).toEqual([
        'items',
        'paymentToken',
        'userId',
      ]);
    });

    it('works while product-service is down: it never calls it', async () => {
      const calls: string[] = [];
      const spy: Subscription = t.nats.subscribe('rpc.products.>', {
        callback: (_error, message) => calls.push(message.subject),
      });
      try {
        const accepted = await place(owner().userId);
        expect(accepted.status).toBe('PENDING');
        await t.nats.flush();
        expect(calls).toEqual([]);
      } finally {
        spy.unsubscribe();
      }
    });
  });

  describe('reading orders', () => {
    it('shows an order to its owner and to an admin', async () => {
      const me = owner();
      const { id } = await place(me.userId);

      const mine = await t.callOk(ORDERS_GET, { orderId: id, requester: me });
      const asAdmin = await t.callOk(ORDERS_GET, {
        orderId: id,
        requester: { userId: randomUUID(), role: 'admin' },
      });

      expect(mine).toEqual({
        id,
        status: 'PENDING',
        reason: null,
        items: [
          { productId: book, quantity: 2, unitPrice: 1250 },
          { productId: pen, quantity: 3, unitPrice: 99 },
        ],
        total: 2797,
        currency: 'EUR',
        createdAt: matching(/Z$/),
        updatedAt: matching(/Z$/),
      });
      expect(asAdmin).toEqual(mine);
      expect(Math.abs(Date.parse(mine.createdAt) - Date.now())).toBeLessThan(60_000);
    });

    it("answers ORDER.NOT_FOUND for another user's order exactly as for a missing one", async () => {
      const { id } = await place(owner().userId);
      const stranger = owner();

      const theirs = await t.call(ORDERS_GET, { orderId: id, requester: stranger });
      const missing = await t.call(ORDERS_GET, { orderId: randomUUID(), requester: stranger });
      const timeline = await t.call(ORDERS_TIMELINE, { orderId: id, requester: stranger });

      expect(theirs).toMatchObject({ code: 'ORDER.NOT_FOUND', status: 404 });
      expect(missing).toMatchObject({ code: 'ORDER.NOT_FOUND', status: 404 });
      expect(timeline).toMatchObject({ code: 'ORDER.NOT_FOUND' });
      expect(JSON.stringify(theirs)).not.toContain(stranger.userId);
    });

    it("lists only the caller's orders, newest first, with paging", async () => {
      const me = owner();
      const ids: string[] = [];
      for (let i = 0; i < 3; i++) ids.push((await place(me.userId)).id);
      await place(owner().userId);

      const all = await t.callOk(ORDERS_LIST_MINE, { userId: me.userId });
      const page = await t.callOk(ORDERS_LIST_MINE, { userId: me.userId, limit: 1, offset: 1 });

      expect(all.total).toBe(3);
      expect(all.items.map((o) => o.id)).toEqual([...ids].reverse());
      expect(all.items[0].items).toHaveLength(2);
      expect(page).toEqual({ items: [all.items[1]], total: 3 });
    });

    it('shows the timeline: the placement and the event it published', async () => {
      const me = owner();
      const { id } = await place(me.userId);

      const timeline = await t.callOk(ORDERS_TIMELINE, { orderId: id, requester: me });

      expect(timeline).toMatchObject({
        orderId: id,
        status: 'PENDING',
        reason: null,
        placedAt: anyString(),
        state: { status: 'PENDING', reason: null, total: 2797, currency: 'EUR' },
        entries: [
          {
            kind: 'PUBLISHED',
            subject: 'order.placed.v1',
            producer: 'order',
            compensation: false,
            eventId: anyString(),
          },
        ],
        transitions: [{ from: null, to: 'PENDING', reason: null, at: anyString() }],
      });
    });
  });

  describe('cancelling an order', () => {
    it('cancels a live order for its owner and announces it with order.cancelled.v1', async () => {
      const me = owner();
      const { id } = await place(me.userId);
      const probe = await t.probe('ORDER');

      const reply = await t.callOk(ORDERS_CANCEL, { orderId: id, requester: me });

      expect(reply).toEqual({ id, status: 'CANCELLED' });
      expect(await t.order(id)).toMatchObject({ status: 'CANCELLED', reason: 'CANCELLED_BY_USER' });
      const cancelled = await t.appended('order.cancelled.v1', id);
      expect(cancelled.map((e) => e.envelope.data)).toEqual([
        { orderId: id, reason: 'CANCELLED_BY_USER', previousStatus: 'PENDING' },
      ]);
      expect(cancelled[0].envelope.correlationId).toBe(id);
      await t.flushOutbox(cancelled[0].id);
      expect(await probe.copiesOf('order.cancelled.v1', cancelled[0].id)).toHaveLength(1);
    });

    it('answers ORDER.ALREADY_TERMINAL for a terminal order and announces nothing more', async () => {
      const me = owner();
      const { id } = await place(me.userId);
      await t.callOk(ORDERS_CANCEL, { orderId: id, requester: me });

      const again = await t.call(ORDERS_CANCEL, { orderId: id, requester: me });

      expect(again).toMatchObject({ code: 'ORDER.ALREADY_TERMINAL', status: 409 });
      expect(await t.appended('order.cancelled.v1', id)).toHaveLength(1);
    });

    it('answers ORDER.NOT_FOUND to anyone but the owner, admins included, and leaves the order as it was', async () => {
      const { id } = await place(owner().userId);

      const stranger = await t.call(ORDERS_CANCEL, { orderId: id, requester: owner() });
      const admin = await t.call(ORDERS_CANCEL, {
        orderId: id,
        requester: { userId: randomUUID(), role: 'admin' },
      });

      expect(stranger).toMatchObject({ code: 'ORDER.NOT_FOUND' });
      expect(admin).toMatchObject({ code: 'ORDER.NOT_FOUND' });
      expect(await t.order(id)).toMatchObject({ status: 'PENDING' });
    });
  });

  describe('the console (rpc.orders.list-all, rpc.orders.saga-stats)', () => {
    it('lists every order newest first with its owner, by status when asked, in pages', async () => {
      const [alice, bob] = [owner(), owner()];
      const first = await place(alice.userId);
      const second = await place(bob.userId);
      await t.callOk(ORDERS_CANCEL, { orderId: first.id, requester: alice });

      const all = await t.callOk(ORDERS_LIST_ALL, { limit: 2 });
      const cancelled = await t.callOk(ORDERS_LIST_ALL, { status: 'CANCELLED', limit: 100 });
      const next = await t.callOk(ORDERS_LIST_ALL, { limit: 1, offset: 1 });

      expect(all.items.map((o) => [o.id, o.userId])).toEqual([
        [second.id, bob.userId],
        [first.id, alice.userId],
      ]);
      expect(all.items[0]).toMatchObject({ status: 'PENDING', total: 2797, items: [{}, {}] });
      expect(next.items.map((o) => o.id)).toEqual([first.id]);
      expect(cancelled.items.every((o) => o.status === 'CANCELLED')).toBe(true);
      expect(cancelled.items.map((o) => o.id)).toContain(first.id);
      expect(cancelled.items.map((o) => o.id)).not.toContain(second.id);
      expect(cancelled.total).toBeLessThan(all.total);
    });

    it('refuses an unknown status filter', async () => {
      const reply = await t.call(ORDERS_LIST_ALL, { status: 'LOST' });
      expect(reply).toMatchObject({ code: 'VALIDATION.FAILED', status: 400 });
    });

    it('counts the orders of every status and each failure reason', async () => {
      const before = await t.callOk(ORDERS_SAGA_STATS, {});
      const me = owner();
      const { id } = await place(me.userId);
      await place(me.userId);
      await t.callOk(ORDERS_CANCEL, { orderId: id, requester: me });

      const after = await t.callOk(ORDERS_SAGA_STATS, {});

      expect(Object.keys(after.byStatus).sort()).toEqual(
        ['AWAITING_PAYMENT', 'CANCELLED', 'CONFIRMED', 'PENDING', 'REJECTED'].sort(),
      );
      expect(after.byStatus.PENDING - before.byStatus.PENDING).toBe(1);
      expect(after.byStatus.CANCELLED - before.byStatus.CANCELLED).toBe(1);
      expect(
        (after.byReason.CANCELLED_BY_USER ?? 0) - (before.byReason.CANCELLED_BY_USER ?? 0),
      ).toBe(1);
    });

    it('counts only the orders placed since a time when asked', async () => {
      const since = new Date(Date.now() + 60_000).toISOString();

      const stats = await t.callOk(ORDERS_SAGA_STATS, { since });

      expect(Object.values(stats.byStatus)).toEqual([0, 0, 0, 0, 0]);
      expect(stats.byReason).toEqual({});
      expect(await t.call(ORDERS_SAGA_STATS, { since: 'yesterday' })).toMatchObject({
        code: 'VALIDATION.FAILED',
      });
    });
  });
});

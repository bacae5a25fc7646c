import { waitFor } from '@polyshop/testing';
import {
  admin,
  call,
  expectProblem,
  newProduct,
  newUser,
  placeOrder,
  terminal,
  type Session,
} from './support/api';
import { startApp, stopApp } from './support/platform';

interface Entry {
  kind: 'PUBLISHED' | 'CONSUMED' | 'DEAD_LETTERED';
  eventId: string | null;
  subject: string;
  producer?: string;
  service?: string;
  outcome?: string;
  compensation?: boolean;
  at: string;
}

interface SagaTimeline {
  status: string;
  reason: string | null;
  participants: { service: string; available: boolean; state: unknown; error?: string }[];
  entries: Entry[];
}

const has =
  (kind: Entry['kind'], subject: string, lane: string) =>
  (entries: readonly Entry[]): boolean =>
    entries.some(
      (e) =>
        e.kind === kind &&
        e.subject === subject &&
        (kind === 'PUBLISHED' ? `${e.producer}-service` : e.service) === lane,
    );

describe('the saga timeline and the admin API (GET /orders/:id/timeline, /admin/*)', () => {
  let adminToken: string;
  let shopper: Session;
  let productId: string;

  const timelineOf = (orderId: string) =>
    call<SagaTimeline>('GET', `/orders/${orderId}/timeline`, { token: shopper.token });
  /** Polls until every check holds: the participants journal after the order's status moved. */
  const timelineWith = (orderId: string, ...checks: ((entries: readonly Entry[]) => boolean)[]) =>
    waitFor(
      () => timelineOf(orderId),
      ({ status, body }) => status === 200 && checks.every((check) => check(body.entries)),
      { description: `the timeline of ${orderId} complete`, timeoutMs: 30_000 },
    );

  beforeAll(async () => {
    adminToken = await admin();
    shopper = await newUser();
    productId = (await newProduct(adminToken, 20, 1500)).id;
  });

  it('shows a confirmed order published and consumed by all three services, each consumption after its event', async () => {
    const placed = await placeOrder(shopper.token, [{ productId, quantity: 1 }]);
    const orderId = placed.body.id;
    expect(await terminal(shopper.token, orderId)).toMatchObject({ status: 'CONFIRMED' });

    const { body } = await timelineWith(
      orderId,
      has('PUBLISHED', 'order.placed.v1', 'order-service'),
      has('CONSUMED', 'order.placed.v1', 'inventory-service'),
      has('CONSUMED', 'order.placed.v1', 'payment-service'),
      has('PUBLISHED', 'inventory.stock-reserved.v1', 'inventory-service'),
      has('CONSUMED', 'inventory.stock-reserved.v1', 'order-service'),
      has('CONSUMED', 'inventory.stock-reserved.v1', 'payment-service'),
      has('PUBLISHED', 'payment.succeeded.v1', 'payment-service'),
      has('CONSUMED', 'payment.succeeded.v1', 'order-service'),
      has('CONSUMED', 'payment.succeeded.v1', 'inventory-service'),
      has('PUBLISHED', 'order.confirmed.v1', 'order-service'),
    );

    expect(body).toMatchObject({ status: 'CONFIRMED', reason: null });
    expect(body.participants.map((p) => [p.service, p.available])).toEqual([
      ['order-service', true],
      ['inventory-service', true],
      ['payment-service', true],
    ]);
    expect(body.participants[1].state).toMatchObject({ reservation: 'COMMITTED' });
    expect(body.participants[2].state).toMatchObject({ payment: 'CHARGED', amount: 1500 });
    const published = new Set(
      body.entries.filter((e) => e.kind === 'PUBLISHED').map((e) => e.eventId),
    );
    const consumed = body.entries.filter((e) => e.kind === 'CONSUMED');
    expect(consumed.every((e) => published.has(e.eventId))).toBe(true);
    const times = body.entries.map((e) => Date.parse(e.at));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
  });

  it('shows a declined order: payment.failed.v1 and the compensating release of its stock', async () => {
    const placed = await placeOrder(
      shopper.token,
      [{ productId, quantity: 2 }],
      'tok_chargeDeclined',
    );
    const orderId = placed.body.id;
    expect(await terminal(shopper.token, orderId)).toMatchObject({
      status: 'CANCELLED',
      reason: 'PAYMENT_DECLINED',
    });

    const { body } = await timelineWith(
      orderId,
      has('PUBLISHED', 'payment.failed.v1', 'payment-service'),
      has('CONSUMED', 'payment.failed.v1', 'order-service'),
      has('CONSUMED', 'payment.failed.v1', 'inventory-service'),
      has('PUBLISHED', 'inventory.stock-released.v1', 'inventory-service'),
    );

    expect(body).toMatchObject({ status: 'CANCELLED', reason: 'PAYMENT_DECLINED' });
    const release = body.entries.find((e) => e.subject === 'inventory.stock-released.v1');
    expect(release).toMatchObject({ kind: 'PUBLISHED', compensation: true });
    expect(body.participants[1].state).toMatchObject({
      reservation: 'RELEASED',
      reason: 'PAYMENT_FAILED',
    });
  });

  it('still answers 200 with payment-service down, marking it unavailable', async () => {
    const placed = await placeOrder(shopper.token, [{ productId, quantity: 1 }]);
    const orderId = placed.body.id;
    await terminal(shopper.token, orderId);
    await stopApp('payment-service');
    try {
      const answer = await timelineOf(orderId);

      expect(answer.status).toBe(200);
      expect(answer.body.participants[2]).toMatchObject({
        service: 'payment-service',
        available: false,
        state: null,
        error: expect.stringContaining('payment-service') as string,
      });
      expect(answer.body.participants[1]).toMatchObject({ available: true });
      expect(answer.body.entries.some((e) => e.service === 'payment-service')).toBe(false);
    } finally {
      await startApp('payment-service');
    }
  });

  it('keeps the admin API to admins: 403 for a user, 200 for the admin', async () => {
    const paths = ['/admin/orders?limit=5', '/admin/saga-stats', '/admin/dead-letters'];
    for (const path of paths) {
      expectProblem(await call('GET', path, { token: shopper.token }), 403, 'AUTH.FORBIDDEN');
      expect((await call('GET', path, { token: adminToken })).status).toBe(200);
    }
    const orders = await call<{ items: { userId: string }[]; total: number }>(
      'GET',
      '/admin/orders?status=CONFIRMED&limit=100',
      { token: adminToken },
    );
    expect(orders.body.items.some((order) => order.userId === shopper.id)).toBe(true);
    const stats = await call<{ byStatus: Record<string, number> }>('GET', '/admin/saga-stats', {
      token: adminToken,
    });
    expect(stats.body.byStatus.CONFIRMED).toBeGreaterThanOrEqual(2);
    expectProblem(
      await call('POST', '/admin/dead-letters/payment-service/1/replay', { token: shopper.token }),
      403,
      'AUTH.FORBIDDEN',
    );
  });
});

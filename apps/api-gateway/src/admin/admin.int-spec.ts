import { randomUUID } from 'node:crypto';
import { rpcError, type DeadLetterView, type ServiceName } from '@polyshop/contracts';
import { expectProblem, GatewayHarness, type TestUser } from '../testing/gateway-harness';
import type { DeadLetterOverview } from './list-dead-letters.use-case';

const letter = (consumer: ServiceName, sequence: number, at: string): DeadLetterView => ({
  sequence,
  subject: `dlq.${consumer}.order.placed.v1`,
  originalSubject: 'order.placed.v1',
  consumer,
  reason: 'RETRIES_EXHAUSTED',
  detail: 'store down',
  eventId: randomUUID(),
  correlationId: randomUUID(),
  deliveries: 5,
  deadLetteredAt: at,
});

describe('admin API (gateway against fake services)', () => {
  let gateway: GatewayHarness;
  let admin: TestUser;

  beforeAll(async () => {
    gateway = await GatewayHarness.start();
    admin = gateway.userWith('admin');
  });

  afterAll(() => gateway?.stop());

  it.each([
    ['GET', '/admin/orders'],
    ['GET', '/admin/saga-stats'],
    ['GET', '/admin/dead-letters'],
    ['POST', '/admin/dead-letters/payment-service/1/replay'],
  ])('%s %s answers 403 to a user and 401 without a token', async (method, path) => {
    const user = gateway.userWith('user');

    expectProblem(
      await gateway.request(method, path, { token: user.token }),
      403,
      'AUTH.FORBIDDEN',
    );
    expectProblem(await gateway.request(method, path), 401, 'AUTH.UNAUTHENTICATED');
  });

  it('GET /admin/orders passes the status filter and paging to order-service', async () => {
    const page = { items: [], total: 0 };
    await gateway.fakes.reply('rpc.orders.list-all', page);

    const answer = await gateway.request(
      'GET',
      '/admin/orders?status=CANCELLED&limit=5&offset=10',
      {
        token: admin.token,
      },
    );

    expect(answer.status).toBe(200);
    expect(answer.body).toEqual(page);
    expect(gateway.fakes.lastCallOf('rpc.orders.list-all').payload).toEqual({
      status: 'CANCELLED',
      limit: 5,
      offset: 10,
    });
  });

  it('GET /admin/orders answers 400 for an unknown status', async () => {
    const answer = await gateway.request('GET', '/admin/orders?status=LOST', {
      token: admin.token,
    });

    expectProblem(answer, 400, 'VALIDATION.FAILED');
  });

  it('GET /admin/saga-stats answers the counts of order-service', async () => {
    const stats = {
      byStatus: { PENDING: 1, AWAITING_PAYMENT: 0, CONFIRMED: 3, REJECTED: 1, CANCELLED: 2 },
      byReason: { OUT_OF_STOCK: 1, PAYMENT_DECLINED: 2 },
    };
    await gateway.fakes.reply('rpc.orders.saga-stats', stats);

    const answer = await gateway.request('GET', '/admin/saga-stats', { token: admin.token });

    expect(answer).toMatchObject({ status: 200, body: stats });
  });

  it("GET /admin/dead-letters merges every service's letters oldest first and names those down", async () => {
    const orders = letter('order-service', 7, '2026-01-01T10:00:02.000Z');
    const inventory = letter('inventory-service', 3, '2026-01-01T10:00:01.000Z');
    await gateway.fakes.reply('rpc.orders.dlq.list', { items: [orders] });
    await gateway.fakes.reply('rpc.inventory.dlq.list', { items: [inventory] });
    await gateway.fakes.down('rpc.payments.dlq.list');

    const answer = await gateway.request<DeadLetterOverview>('GET', '/admin/dead-letters', {
      token: admin.token,
    });

    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ items: [inventory, orders], unavailable: ['payment-service'] });
  });

  it('POST /admin/dead-letters/:service/:sequence/replay asks that service to replay it', async () => {
    const replayed = { sequence: 12, originalSubject: 'order.placed.v1', eventId: randomUUID() };
    await gateway.fakes.reply('rpc.payments.dlq.replay', replayed);

    const answer = await gateway.request('POST', '/admin/dead-letters/payment-service/12/replay', {
      token: admin.token,
    });

    expect(answer).toMatchObject({ status: 200, body: replayed });
    expect(gateway.fakes.lastCallOf('rpc.payments.dlq.replay').payload).toEqual({ sequence: 12 });
  });

  it('POST .../replay answers 404 for a letter the service does not have, 400 for a bad path', async () => {
    await gateway.fakes.reply(
      'rpc.orders.dlq.replay',
      rpcError('DLQ.NOT_FOUND', 'no dead letter 99 for order-service'),
    );
    const replay = (path: string) =>
      gateway.request('POST', `/admin/dead-letters/${path}/replay`, { token: admin.token });

    expectProblem(await replay('order-service/99'), 404, 'DLQ.NOT_FOUND');
    expectProblem(await replay('user-service/1'), 400, 'VALIDATION.FAILED');
    expectProblem(await replay('order-service/0'), 400, 'VALIDATION.FAILED');
  });
});

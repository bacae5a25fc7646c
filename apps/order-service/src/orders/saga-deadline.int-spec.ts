import { randomUUID } from 'node:crypto';
import { RPC_PATTERNS } from '@polyshop/contracts';
import { waitFor } from '@polyshop/testing';
import { OrderServiceTestApp } from '../testing/order-service.test-app';
import { SagaDeadlineSweeper } from './saga-deadline.sweeper';

/** Short enough for a test, long enough to move an order to AWAITING_PAYMENT first. */
const SAGA_TIMEOUT_MS = 2_000;

describe('saga deadline (ORDER_SAGA_TIMEOUT_MS, MariaDB, NATS)', () => {
  let t: OrderServiceTestApp;
  let productId: string;

  const placeOrder = async (): Promise<string> => {
    const { id } = await t.callOk(RPC_PATTERNS.ORDERS_PLACE, {
      userId: randomUUID(),
      items: [{ productId, quantity: 1 }],
      paymentToken: 'tok_visa',
    });
    return id;
  };

  /** Sets the deadline of orders relative to the database's clock. */
  const moveDeadline = (ids: string | string[], offset: string) =>
    t.dataSource.query(
      `UPDATE orders SET deadline_at = UTC_TIMESTAMP(3) ${offset} WHERE id IN (?)`,
      [ids],
    );

  beforeAll(async () => {
    t = await OrderServiceTestApp.start({ ORDER_SAGA_TIMEOUT_MS: String(SAGA_TIMEOUT_MS) });
    productId = await t.seedProduct(700);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('cancels a PENDING order past its deadline with TIMEOUT and one order.cancelled.v1', async () => {
    const probe = await t.probe('ORDER');
    const id = await placeOrder();

    expect(await t.waitForStatus(id, 'CANCELLED', SAGA_TIMEOUT_MS + 10_000)).toMatchObject({
      reason: 'TIMEOUT',
    });
    const cancelled = await t.appended('order.cancelled.v1', id);
    expect(cancelled).toHaveLength(1);
    expect(cancelled[0].envelope).toMatchObject({
      correlationId: id,
      causationId: null,
      data: { orderId: id, reason: 'TIMEOUT', previousStatus: 'PENDING' },
    });
    await t.flushOutbox(cancelled[0].id);
    expect(await probe.copiesOf('order.cancelled.v1', cancelled[0].id)).toHaveLength(1);
  });

  it('cancels an order still AWAITING_PAYMENT at its deadline, telling payment to refund', async () => {
    const id = await placeOrder();
    // Out of the sweeper's reach until the stock is reserved, however slow the broker is today.
    await moveDeadline(id, '+ INTERVAL 1 HOUR');
    await t.publish(
      'inventory.stock-reserved.v1',
      {
        orderId: id,
        items: [{ productId, quantity: 1 }],
        expiresAt: new Date(Date.now() + 60_000).toISOString(),
      },
      { correlationId: id },
    );
    await t.waitForStatus(id, 'AWAITING_PAYMENT');

    await moveDeadline(id, '- INTERVAL 1 SECOND');

    await t.waitForStatus(id, 'CANCELLED', 10_000);
    const cancelled = await t.appended('order.cancelled.v1', id);
    expect(cancelled.map((e) => e.envelope.data)).toEqual([
      { orderId: id, reason: 'TIMEOUT', previousStatus: 'AWAITING_PAYMENT' },
    ]);
  });

  it('leaves a timed-out order CANCELLED when payment.succeeded.v1 arrives late', async () => {
    const id = await placeOrder();
    await t.waitForStatus(id, 'CANCELLED', SAGA_TIMEOUT_MS + 10_000);

    const late = await t.publish(
      'payment.succeeded.v1',
      { orderId: id, paymentId: randomUUID(), amount: 700, currency: 'EUR' },
      { correlationId: id },
    );

    await waitFor(
      () => t.timelineRows(id),
      (rows) => rows.some((r) => r.kind === 'CONSUMED' && r.subject === 'payment.succeeded.v1'),
      { description: `late ${late.id} consumed` },
    );
    expect(await t.order(id)).toMatchObject({ status: 'CANCELLED', reason: 'TIMEOUT' });
    expect(await t.appended('order.confirmed.v1', id)).toEqual([]);
    expect(await t.appended('order.cancelled.v1', id)).toHaveLength(1);
  });

  it('cancels each overdue order once when replicas sweep at the same moment', async () => {
    const ids = await Promise.all(Array.from({ length: 6 }, placeOrder));
    await moveDeadline(ids, '- INTERVAL 1 SECOND');
    const sweeper = t.app.get(SagaDeadlineSweeper);

    await Promise.all([sweeper.sweep(), sweeper.sweep(), sweeper.sweep()]);

    for (const id of ids) {
      expect(await t.order(id)).toMatchObject({ status: 'CANCELLED', reason: 'TIMEOUT' });
      expect(await t.appended('order.cancelled.v1', id)).toHaveLength(1);
    }
  });

  it('leaves orders alone until their deadline', async () => {
    const id = await placeOrder();
    await moveDeadline(id, '+ INTERVAL 1 HOUR');

    await t.app.get(SagaDeadlineSweeper).sweep();

    expect(await t.order(id)).toMatchObject({ status: 'PENDING' });
  });
});

import { SUBJECTS } from '@polyshop/contracts';
import { PaymentProvider } from '../psp/payment-provider';
import { CONSUMERS } from './payments.consumers';
import { PaymentsRepository } from './persistence/payments.repository';
import { PaymentSagaHarness } from './testing/payment-saga.harness';

describe('payment-service on cancelled orders (PostgreSQL, NATS, PSP simulator)', () => {
  let saga: PaymentSagaHarness;

  beforeAll(async () => {
    saga = await PaymentSagaHarness.start();
  });

  afterAll(async () => {
    await saga?.close();
  });

  const placeOrder = async (orderId: string) => {
    await saga.publish(saga.orderPlaced(orderId, { total: 4200 }));
    return saga.waitForStatus(orderId, 'PENDING');
  };

  /** A worker claimed the charge and died: the claim stays until its lease runs out. */
  const claimAndDie = async (orderId: string) => {
    const claim = await saga.app.get(PaymentsRepository).claim(orderId, 'charge');
    if (!claim) throw new Error(`could not claim the payment of ${orderId}`);
    return claim;
  };

  const cancelAndWaitUntilHandled = async (orderId: string) => {
    const cancelled = saga.orderCancelled(orderId);
    await saga.publish(cancelled);
    await saga.waitUntilHandled(CONSUMERS.orderCancelled, cancelled);
  };

  const reserveAndWaitUntilAcked = async (orderId: string) => {
    const acks = await saga.watchAcks(SUBJECTS.INVENTORY_STOCK_RESERVED_V1);
    const [seq] = await saga.publish(saga.stockReserved(orderId));
    await acks.until(seq, '+ACK');
  };

  it('charges nothing for an order cancelled before its stock was reserved', async () => {
    const orderId = saga.newOrderId();
    await placeOrder(orderId);

    await cancelAndWaitUntilHandled(orderId);
    expect((await saga.payment(orderId))?.status).toBe('CANCELLED');
    await reserveAndWaitUntilAcked(orderId);

    expect((await saga.payment(orderId))?.status).toBe('CANCELLED');
    expect(await saga.pspCharges(orderId)).toEqual([]);
    expect(await saga.publishedEvents(orderId)).toEqual([]);
  });

  it('charges nothing for an order cancelled before its intent arrived', async () => {
    const orderId = saga.newOrderId();

    await cancelAndWaitUntilHandled(orderId);
    const placed = saga.orderPlaced(orderId);
    await saga.publish(placed);
    await saga.waitUntilHandled(CONSUMERS.orderPlaced, placed);
    await reserveAndWaitUntilAcked(orderId);

    expect(await saga.payment(orderId)).toMatchObject({ status: 'CANCELLED', amount: null });
    expect(await saga.pspCharges(orderId)).toEqual([]);
    expect(await saga.publishedEvents(orderId)).toEqual([]);
  });

  it('refunds a charged order once when it is cancelled, even if the cancellation comes twice', async () => {
    const orderId = saga.newOrderId();
    const intent = await placeOrder(orderId);
    await saga.publish(saga.stockReserved(orderId));
    await saga.waitForStatus(orderId, 'CHARGED');
    const acks = await saga.watchAcks(SUBJECTS.ORDER_CANCELLED_V1);
    const cancelled = saga.orderCancelled(orderId, 'TIMEOUT');

    const seqs = await saga.publish(cancelled, saga.redelivery(cancelled));
    for (const seq of seqs) await acks.until(seq, '+ACK');

    const refunded = await saga.waitForStatus(orderId, 'REFUNDED');
    const refunds = await saga.refunds(orderId);
    const pspRefunds = await saga.pspRefunds(orderId);
    expect(pspRefunds).toEqual([{ reference: expect.any(String) as string, amount: '4200' }]);
    expect(refunds).toEqual([
      {
        refund_id: expect.any(String) as string,
        amount: '4200',
        psp_reference: pspRefunds[0].reference,
      },
    ]);
    expect(refunded.pspReference).toBe((await saga.pspCharges(orderId))[0].reference);
    expect(await saga.publishedEvents(orderId)).toMatchObject([
      { subject: SUBJECTS.PAYMENT_SUCCEEDED_V1, copies: 1 },
      {
        subject: SUBJECTS.PAYMENT_REFUNDED_V1,
        data: {
          orderId,
          paymentId: intent.paymentId,
          refundId: refunds[0].refund_id,
          amount: 4200,
          currency: 'EUR',
        },
        copies: 1,
      },
    ]);
  });

  it('voids the charge of a worker that died mid-charge when the order was cancelled meanwhile, charging nothing', async () => {
    const orderId = saga.newOrderId();
    await placeOrder(orderId);
    await claimAndDie(orderId);

    await cancelAndWaitUntilHandled(orderId);
    expect(await saga.payment(orderId)).toMatchObject({
      status: 'CHARGING',
      cancelRequestedAt: expect.any(Date) as Date,
    });
    await saga.expireClaim(orderId);
    await saga.publish(saga.stockReserved(orderId));

    await saga.waitForStatus(orderId, 'CANCELLED');
    expect((await saga.pspCharges(orderId)).map((c) => c.status)).toEqual(['VOIDED']);
    expect(await saga.publishedEvents(orderId)).toEqual([]);
  });

  it('refunds a charge made by a worker that died before recording it, publishing only payment.refunded', async () => {
    const orderId = saga.newOrderId();
    await placeOrder(orderId);
    await claimAndDie(orderId);
    await saga.app.get(PaymentProvider).charge({
      idempotencyKey: orderId,
      amount: 4200,
      currency: 'EUR',
      token: 'tok_visa',
    });

    await cancelAndWaitUntilHandled(orderId);
    await saga.expireClaim(orderId);
    await saga.publish(saga.stockReserved(orderId));

    const refunded = await saga.waitForStatus(orderId, 'REFUNDED');
    expect(refunded.chargeAttempts).toBe(2);
    expect(await saga.pspRefunds(orderId)).toHaveLength(1);
    expect(await saga.refunds(orderId)).toHaveLength(1);
    expect((await saga.publishedEvents(orderId)).map((e) => [e.subject, e.copies])).toEqual([
      [SUBJECTS.PAYMENT_REFUNDED_V1, 1],
    ]);
  });

  it('refunds a charge whose recording failed, when the order is cancelled before the retry', async () => {
    const orderId = saga.newOrderId();
    await placeOrder(orderId);
    const claim = await claimAndDie(orderId);
    await saga.app.get(PaymentProvider).charge({
      idempotencyKey: orderId,
      amount: 4200,
      currency: 'EUR',
      token: 'tok_visa',
    });
    await saga.app.get(PaymentsRepository).release(orderId, claim, 'charge');

    await cancelAndWaitUntilHandled(orderId);
    expect(await saga.payment(orderId)).toMatchObject({
      status: 'PENDING',
      cancelRequestedAt: expect.any(Date) as Date,
    });
    await saga.publish(saga.stockReserved(orderId));

    await saga.waitForStatus(orderId, 'REFUNDED');
    expect(await saga.pspRefunds(orderId)).toHaveLength(1);
    expect((await saga.publishedEvents(orderId)).map((e) => [e.subject, e.copies])).toEqual([
      [SUBJECTS.PAYMENT_REFUNDED_V1, 1],
    ]);
  });

  it('leaves a declined payment as it is when its order is cancelled', async () => {
    const orderId = saga.newOrderId();
    await saga.publish(saga.orderPlaced(orderId, { token: 'tok_chargeDeclined' }));
    await saga.waitForStatus(orderId, 'PENDING');
    await saga.publish(saga.stockReserved(orderId));
    await saga.waitForStatus(orderId, 'DECLINED');

    await cancelAndWaitUntilHandled(orderId);

    expect((await saga.payment(orderId))?.status).toBe('DECLINED');
    expect(await saga.pspRefunds(orderId)).toEqual([]);
    expect((await saga.publishedEvents(orderId)).map((e) => e.subject)).toEqual([
      SUBJECTS.PAYMENT_FAILED_V1,
    ]);
  });
});

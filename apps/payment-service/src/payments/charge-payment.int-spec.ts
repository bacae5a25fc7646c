import { SUBJECTS } from '@polyshop/contracts';
import { PspSimulator } from '../psp/psp-simulator';
import { CONSUMER_OPTIONS } from '../service';
import { ChargePaymentUseCase } from './charge-payment.use-case';
import { IntentNotKnownYetError } from './domain/payment.errors';
import { CONSUMERS } from './payments.consumers';
import { PaymentSagaHarness } from './testing/payment-saga.harness';

// Long enough for the intent's commit on a loaded machine, so that a stock-reserved published
// just before its order.placed is charged on its first delivery, whatever the load.
process.env.PAYMENT_INTENT_WAIT_MS = '2000';

describe('payment-service charges (PostgreSQL, NATS, PSP simulator)', () => {
  let saga: PaymentSagaHarness;

  beforeAll(async () => {
    saga = await PaymentSagaHarness.start();
  });

  afterAll(async () => {
    await saga?.close();
  });

  /** Publishes order.placed and waits until payment-service holds the intent. */
  const placeOrder = async (orderId: string, options?: { token?: string; total?: number }) => {
    await saga.publish(saga.orderPlaced(orderId, options));
    return saga.waitForStatus(orderId, 'PENDING');
  };

  it('charges a placed order once its stock is reserved and publishes one payment.succeeded', async () => {
    const orderId = saga.newOrderId();
    const intent = await placeOrder(orderId, { total: 2500 });

    await saga.publish(saga.stockReserved(orderId));
    const charged = await saga.waitForStatus(orderId, 'CHARGED');

    const [pspCharge] = await saga.pspCharges(orderId);
    expect(charged).toMatchObject({
      amount: 2500,
      currency: 'EUR',
      pspReference: pspCharge.reference,
      failureReason: null,
      claimedBy: null,
    });
    expect(await saga.pspCharges(orderId)).toEqual([
      { reference: pspCharge.reference, status: 'SUCCEEDED', amount: '2500' },
    ]);
    expect(await saga.publishedEvents(orderId)).toEqual([
      {
        id: expect.any(String) as string,
        subject: SUBJECTS.PAYMENT_SUCCEEDED_V1,
        data: { orderId, paymentId: intent.paymentId, amount: 2500, currency: 'EUR' },
        copies: 1,
      },
    ]);
  });

  it('declines tok_chargeDeclined: payment.failed with PAYMENT_DECLINED, nothing taken', async () => {
    const orderId = saga.newOrderId();
    const intent = await placeOrder(orderId, { token: 'tok_chargeDeclined' });

    await saga.publish(saga.stockReserved(orderId));
    const declined = await saga.waitForStatus(orderId, 'DECLINED');

    expect(declined.failureReason).toBe('PAYMENT_DECLINED');
    expect((await saga.pspCharges(orderId)).map((c) => c.status)).toEqual(['DECLINED']);
    expect(await saga.publishedEvents(orderId)).toMatchObject([
      {
        subject: SUBJECTS.PAYMENT_FAILED_V1,
        data: { orderId, paymentId: intent.paymentId, reason: 'PAYMENT_DECLINED' },
        copies: 1,
      },
    ]);
  });

  it('fails a token the PSP does not know with INVALID_TOKEN', async () => {
    const orderId = saga.newOrderId();
    await placeOrder(orderId, { token: 'tok_mastercard' });

    await saga.publish(saga.stockReserved(orderId));
    const failed = await saga.waitForStatus(orderId, 'FAILED');

    expect(failed.failureReason).toBe('INVALID_TOKEN');
    expect(await saga.publishedEvents(orderId)).toMatchObject([
      { subject: SUBJECTS.PAYMENT_FAILED_V1, data: { reason: 'INVALID_TOKEN' }, copies: 1 },
    ]);
  });

  it('charges once when stock-reserved is delivered again, at once and after the charge', async () => {
    const orderId = saga.newOrderId();
    await placeOrder(orderId);
    const acks = await saga.watchAcks(SUBJECTS.INVENTORY_STOCK_RESERVED_V1);
    const reserved = saga.stockReserved(orderId);

    const seqs = await saga.publish(reserved, saga.redelivery(reserved), saga.redelivery(reserved));
    await saga.waitForStatus(orderId, 'CHARGED');
    const [late] = await saga.publish(saga.redelivery(reserved));
    for (const seq of [...seqs, late]) await acks.until(seq, '+ACK');

    expect((await saga.pspCharges(orderId)).map((c) => c.status)).toEqual(['SUCCEEDED']);
    expect((await saga.payment(orderId))?.chargeAttempts).toBe(1);
    expect((await saga.publishedEvents(orderId)).map((e) => [e.subject, e.copies])).toEqual([
      [SUBJECTS.PAYMENT_SUCCEEDED_V1, 1],
    ]);
  });

  it('retries a stock-reserved that comes before order.placed, and charges once the intent is there', async () => {
    const orderId = saga.newOrderId();
    const acks = await saga.watchAcks(SUBJECTS.INVENTORY_STOCK_RESERVED_V1);

    const [seq] = await saga.publish(saga.stockReserved(orderId));
    await acks.until(seq, '-NAK');
    expect(await saga.payment(orderId)).toBeNull();
    await saga.publish(saga.orderPlaced(orderId));
    await acks.until(seq, '+ACK');

    expect(await saga.payment(orderId)).toMatchObject({ status: 'CHARGED', chargeAttempts: 1 });
    expect((await saga.publishedEvents(orderId)).map((e) => e.subject)).toEqual([
      SUBJECTS.PAYMENT_SUCCEEDED_V1,
    ]);
  });

  it('waits for the intent being recorded when stock-reserved overtakes order.placed: charged on the first delivery', async () => {
    const orderId = saga.newOrderId();
    const acks = await saga.watchAcks(SUBJECTS.INVENTORY_STOCK_RESERVED_V1);

    // Inventory's answer usually reaches payment-service before its own order.placed commits.
    const [seq] = await saga.publish(saga.stockReserved(orderId));
    await saga.publish(saga.orderPlaced(orderId));
    await acks.until(seq, '+ACK');

    expect(acks.answersTo(seq)).toEqual(['+ACK']);
    expect(await saga.payment(orderId)).toMatchObject({ status: 'CHARGED', chargeAttempts: 1 });
  });

  it('throws "intent not known yet" for a charge asked before the intent, leaving nothing behind', async () => {
    const orderId = saga.newOrderId();
    const charge = saga.app.get(ChargePaymentUseCase);
    const { id: eventId } = saga.stockReserved(orderId);
    const delivery = { eventId, subject: SUBJECTS.INVENTORY_STOCK_RESERVED_V1, attempt: 1 };

    await expect(charge.execute({ orderId, delivery, lastAttempt: false })).rejects.toThrow(
      IntentNotKnownYetError,
    );
    expect(await saga.payment(orderId)).toBeNull();
    expect(await saga.pspCharges(orderId)).toEqual([]);
  });

  it('retries a PSP that fails transiently, then charges once', async () => {
    const orderId = saga.newOrderId();
    await placeOrder(orderId);
    await saga.app.get(PspSimulator).scheduleFailures(orderId, 2);

    await saga.publish(saga.stockReserved(orderId));
    const charged = await saga.waitForStatus(orderId, 'CHARGED');

    expect(charged.chargeAttempts).toBe(3);
    expect((await saga.pspCharges(orderId)).map((c) => c.status)).toEqual(['SUCCEEDED']);
    expect((await saga.publishedEvents(orderId)).map((e) => [e.subject, e.copies])).toEqual([
      [SUBJECTS.PAYMENT_SUCCEEDED_V1, 1],
    ]);
  });

  it('fails with PROVIDER_UNAVAILABLE when the PSP stays unavailable for every attempt, after voiding the charge', async () => {
    const orderId = saga.newOrderId();
    const intent = await placeOrder(orderId);
    await saga.app.get(PspSimulator).scheduleFailures(orderId, CONSUMER_OPTIONS.maxAttempts);

    await saga.publish(saga.stockReserved(orderId));
    const failed = await saga.waitForStatus(orderId, 'FAILED');

    expect(failed).toMatchObject({
      failureReason: 'PROVIDER_UNAVAILABLE',
      chargeAttempts: CONSUMER_OPTIONS.maxAttempts,
    });
    expect((await saga.pspCharges(orderId)).map((c) => c.status)).toEqual(['VOIDED']);
    expect(await saga.publishedEvents(orderId)).toMatchObject([
      {
        subject: SUBJECTS.PAYMENT_FAILED_V1,
        data: { orderId, paymentId: intent.paymentId, reason: 'PROVIDER_UNAVAILABLE' },
        copies: 1,
      },
    ]);
  });

  it('records each handled stock-reserved in the inbox of its durable consumer', async () => {
    const orderId = saga.newOrderId();
    await placeOrder(orderId);
    const reserved = saga.stockReserved(orderId);

    await saga.publish(reserved);

    await saga.waitUntilHandled(CONSUMERS.stockReserved, reserved);
    expect((await saga.payment(orderId))?.status).toBe('CHARGED');
  });
});

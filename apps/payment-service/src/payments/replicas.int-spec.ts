import { SUBJECTS } from '@polyshop/contracts';
import { ChargePaymentUseCase } from './charge-payment.use-case';
import { PaymentBusyError } from './domain/payment.errors';
import { CONSUMERS } from './payments.consumers';
import { PaymentSagaHarness } from './testing/payment-saga.harness';

describe('payment-service with two replicas (PostgreSQL, NATS, PSP simulator)', () => {
  let saga: PaymentSagaHarness;

  beforeAll(async () => {
    saga = await PaymentSagaHarness.start(2);
  });

  afterAll(async () => {
    await saga?.close();
  });

  it('charges once when both replicas receive stock-reserved for the same order', async () => {
    const orderId = saga.newOrderId();
    await saga.publish(saga.orderPlaced(orderId));
    await saga.waitForStatus(orderId, 'PENDING');
    const reservations = Array.from({ length: 6 }, () => saga.stockReserved(orderId));

    await saga.publish(...reservations, ...reservations.map((r) => saga.redelivery(r)));
    for (const reserved of reservations) {
      await saga.waitUntilHandled(CONSUMERS.stockReserved, reserved);
    }

    expect(await saga.payment(orderId)).toMatchObject({ status: 'CHARGED', chargeAttempts: 1 });
    expect((await saga.pspCharges(orderId)).map((c) => c.status)).toEqual(['SUCCEEDED']);
    expect((await saga.publishedEvents(orderId)).map((e) => [e.subject, e.copies])).toEqual([
      [SUBJECTS.PAYMENT_SUCCEEDED_V1, 1],
    ]);
  });

  it('lets only one of two replicas charging the same delivery at the same moment take the money', async () => {
    const orderId = saga.newOrderId();
    await saga.publish(saga.orderPlaced(orderId));
    await saga.waitForStatus(orderId, 'PENDING');
    const { id: eventId } = saga.stockReserved(orderId);
    const delivery = { eventId, subject: SUBJECTS.INVENTORY_STOCK_RESERVED_V1, attempt: 1 };
    const command = { orderId, delivery, lastAttempt: false };

    const outcomes = await Promise.allSettled(
      saga.replicas.map((replica) => replica.get(ChargePaymentUseCase).execute(command)),
    );

    // The loser finds the claim taken and asks for a retry; one arriving after the charge finds
    // nothing left to do.
    const rejected = outcomes.flatMap((o): unknown[] =>
      o.status === 'rejected' ? [o.reason] : [],
    );
    expect(rejected.length).toBeLessThanOrEqual(1);
    for (const error of rejected) expect(error).toBeInstanceOf(PaymentBusyError);
    expect(await saga.payment(orderId)).toMatchObject({ status: 'CHARGED', chargeAttempts: 1 });
    expect((await saga.pspCharges(orderId)).map((c) => c.status)).toEqual(['SUCCEEDED']);
    expect((await saga.publishedEvents(orderId)).map((e) => [e.subject, e.copies])).toEqual([
      [SUBJECTS.PAYMENT_SUCCEEDED_V1, 1],
    ]);
  });
});

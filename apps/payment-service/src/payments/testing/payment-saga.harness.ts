import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import {
  EVENTS,
  SUBJECTS,
  durableName,
  type EventData,
  type EventSubject,
  type OrderCancellationReason,
} from '@polyshop/contracts';
import {
  EventPublisher,
  NATS_CONNECTION,
  connectJetStream,
  createOutgoingEvent,
  type OutgoingEvent,
} from '@polyshop/messaging';
import { StreamProbe, startServiceApp, waitFor } from '@polyshop/testing';
import type { NatsConnection } from 'nats';
import { DataSource } from 'typeorm';
import { AppModule } from '../../app.module';
import { CONSUMER_OPTIONS, SERVICE_OPTIONS } from '../../service';
import type { Payment } from '../domain/payment';
import { PaymentsRepository } from '../persistence/payments.repository';
import { AckWatch } from './ack-watch';

const PRODUCT_ID = '64b7f0c2a1b2c3d4e5f60718';
const WAIT = { timeoutMs: 30_000 };

/**
 * payment-service as it runs, except for the retry delays: the real budget (about 31 s, made to
 * outlast a store restart) would make every exhausted-retries scenario wait that long.
 */
const TEST_SERVICE_OPTIONS = {
  ...SERVICE_OPTIONS,
  connect: (app: INestApplication) =>
    connectJetStream(app, { ...CONSUMER_OPTIONS, retryBaseDelayMs: 100 }),
};

/** What payment-service published about an order, read from its outbox and found in the stream. */
export interface PublishedEvent {
  readonly id: string;
  readonly subject: string;
  readonly data: Record<string, unknown>;
  /** Copies of the event in the PAYMENT stream since the harness started. */
  readonly copies: number;
}

/**
 * Runs payment-service (one or more replicas, real PostgreSQL and NATS) and plays the other
 * services of the saga: publishes their events and reads back what payment-service did, in its
 * tables, in the PSP simulator's books and in the PAYMENT stream. Every order id is fresh, so
 * suites share the broker and the database with anything else.
 */
export class PaymentSagaHarness {
  private readonly orderIds: string[] = [];
  private readonly eventIds: string[] = [];
  private readonly watches: AckWatch[] = [];

  private constructor(
    readonly replicas: NestFastifyApplication[],
    private readonly probe: StreamProbe,
  ) {}

  /** Boots the replicas one after the other (the first applies the migrations). */
  static async start(replicas = 1): Promise<PaymentSagaHarness> {
    const apps: NestFastifyApplication[] = [];
    try {
      for (let i = 0; i < replicas; i++)
        apps.push(await startServiceApp(AppModule, TEST_SERVICE_OPTIONS));
      const probe = await StreamProbe.open(apps[0].get<NatsConnection>(NATS_CONNECTION), 'PAYMENT');
      return new PaymentSagaHarness(apps, probe);
    } catch (error) {
      await Promise.allSettled(apps.map((app) => app.close()));
      throw error;
    }
  }

  get app(): NestFastifyApplication {
    return this.replicas[0];
  }

  private get db(): DataSource {
    return this.app.get(DataSource);
  }

  newOrderId(): string {
    const orderId = randomUUID();
    this.orderIds.push(orderId);
    return orderId;
  }

  /** Builds an event as its producer would, correlated by the order. */
  event<S extends EventSubject>(
    subject: S,
    data: EventData<S> & { orderId: string },
  ): OutgoingEvent {
    const event = createOutgoingEvent(subject, data, { correlationId: data.orderId });
    this.eventIds.push(event.id);
    return event;
  }

  /** Publishes events to JetStream; a copy with a fresh `Nats-Msg-Id` is a redelivery. */
  async publish(...events: OutgoingEvent[]): Promise<number[]> {
    const outcomes = await this.app.get(EventPublisher).publishBatch(events);
    return outcomes.map((outcome) => {
      if (!outcome.ok) throw new Error(`publish failed: ${outcome.error}`);
      return outcome.seq;
    });
  }

  orderPlaced(orderId: string, { token = 'tok_visa', total = 2 * 1250 } = {}): OutgoingEvent {
    return this.event(SUBJECTS.ORDER_PLACED_V1, {
      orderId,
      userId: randomUUID(),
      items: [{ productId: PRODUCT_ID, quantity: 2, unitPrice: total / 2 }],
      total,
      currency: 'EUR',
      paymentToken: token,
    });
  }

  stockReserved(orderId: string): OutgoingEvent {
    return this.event(SUBJECTS.INVENTORY_STOCK_RESERVED_V1, {
      orderId,
      items: [{ productId: PRODUCT_ID, quantity: 2 }],
      expiresAt: new Date(Date.now() + 60_000).toISOString(),
    });
  }

  orderCancelled(orderId: string, reason: OrderCancellationReason = 'CANCELLED_BY_USER') {
    return this.event(SUBJECTS.ORDER_CANCELLED_V1, {
      orderId,
      reason,
      previousStatus: 'AWAITING_PAYMENT',
    });
  }

  /** The same event again under another `Nats-Msg-Id`, as a redelivery or a replay arrives. */
  redelivery(event: OutgoingEvent): OutgoingEvent {
    return { ...event, id: randomUUID() };
  }

  payment(orderId: string): Promise<Payment | null> {
    return this.app.get(PaymentsRepository).find(orderId);
  }

  waitForPayment(
    orderId: string,
    accept: (payment: Payment | null) => boolean,
    description: string,
  ): Promise<Payment | null> {
    return waitFor(() => this.payment(orderId), accept, { ...WAIT, description });
  }

  /** Waits until the payment of the order is in one of `statuses`. */
  async waitForStatus(orderId: string, ...statuses: Payment['status'][]): Promise<Payment> {
    const payment = await this.waitForPayment(
      orderId,
      (p) => p !== null && statuses.includes(p.status),
      `payment of ${orderId} ${statuses.join('|')}`,
    );
    if (!payment) throw new Error('unreachable');
    return payment;
  }

  /** Waits until the handler named `consumer` committed the event (its inbox record). */
  async waitUntilHandled(consumer: string, event: OutgoingEvent): Promise<void> {
    await waitFor(
      () =>
        this.db.query<unknown[]>('SELECT 1 FROM inbox WHERE consumer = $1 AND event_id = $2', [
          consumer,
          event.id,
        ]),
      (rows) => rows.length === 1,
      { ...WAIT, description: `${consumer} handled ${event.id}` },
    );
  }

  /** Starts watching how payment-service's consumer of `subject` answers its deliveries. */
  async watchAcks(subject: EventSubject): Promise<AckWatch> {
    const watch = await AckWatch.open(
      this.app.get<NatsConnection>(NATS_CONNECTION),
      EVENTS[subject].stream,
      durableName('payment-service', subject),
    );
    this.watches.push(watch);
    return watch;
  }

  /** Makes the claim on the order's payment look abandoned: its holder died, its lease ran out. */
  async expireClaim(orderId: string): Promise<void> {
    await this.db.query(
      "UPDATE payments SET claimed_until = now() - interval '1 second' WHERE order_id = $1",
      [orderId],
    );
  }

  /** The simulator's charges for the order (its idempotency key). */
  pspCharges(orderId: string) {
    return this.db.query<{ reference: string; status: string; amount: string | null }[]>(
      'SELECT reference, status, amount FROM psp_charges WHERE idempotency_key = $1',
      [orderId],
    );
  }

  pspRefunds(orderId: string) {
    return this.db.query<{ reference: string; amount: string }[]>(
      'SELECT reference, amount FROM psp_refunds WHERE idempotency_key = $1',
      [orderId],
    );
  }

  refunds(orderId: string) {
    return this.db.query<{ refund_id: string; amount: string; psp_reference: string }[]>(
      'SELECT refund_id, amount, psp_reference FROM refunds WHERE order_id = $1',
      [orderId],
    );
  }

  /**
   * Every event payment-service appended for the order, once the relay published them all,
   * with how many copies reached the PAYMENT stream.
   */
  async publishedEvents(orderId: string): Promise<PublishedEvent[]> {
    const rows = await waitFor(
      () =>
        this.db.query<
          { id: string; subject: string; payload: string; published_at: Date | null }[]
        >(
          `SELECT id, subject, payload, published_at FROM outbox
           WHERE (payload::jsonb -> 'data' ->> 'orderId') = $1 ORDER BY seq`,
          [orderId],
        ),
      (found) => found.every((row) => row.published_at !== null),
      { ...WAIT, description: `outbox events of ${orderId} published` },
    );
    const events: PublishedEvent[] = [];
    for (const row of rows) {
      const envelope = JSON.parse(row.payload) as { data: Record<string, unknown> };
      const copies = await this.probe.copiesOf(row.subject, row.id);
      events.push({ id: row.id, subject: row.subject, data: envelope.data, copies: copies.length });
    }
    return events;
  }

  /** Stops the replicas and removes what the tests wrote (published outbox rows included). */
  async close(): Promise<void> {
    for (const watch of this.watches) watch.close();
    try {
      if (this.db.isInitialized) await this.cleanUp();
    } finally {
      await Promise.allSettled(this.replicas.map((app) => app.close()));
    }
  }

  private async cleanUp(): Promise<void> {
    const orders = this.orderIds;
    await this.db.query('DELETE FROM payment_timeline WHERE order_id = ANY($1)', [orders]);
    await this.db.query('DELETE FROM refunds WHERE order_id = ANY($1)', [orders]);
    await this.db.query('DELETE FROM payments WHERE order_id = ANY($1)', [orders]);
    await this.db.query(
      `DELETE FROM psp_refunds WHERE charge_reference IN
         (SELECT reference FROM psp_charges WHERE idempotency_key = ANY($1))`,
      [orders],
    );
    await this.db.query('DELETE FROM psp_charges WHERE idempotency_key = ANY($1)', [orders]);
    await this.db.query('DELETE FROM psp_scheduled_failures WHERE idempotency_key = ANY($1)', [
      orders,
    ]);
    await this.db.query('DELETE FROM inbox WHERE event_id = ANY($1)', [this.eventIds]);
    await this.db.query(
      `DELETE FROM outbox WHERE published_at IS NOT NULL
         AND (payload::jsonb -> 'data' ->> 'orderId') = ANY($1)`,
      [orders],
    );
  }
}

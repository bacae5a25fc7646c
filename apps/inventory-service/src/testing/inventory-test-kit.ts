import { randomBytes, randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { EventData, EventSubject } from '@polyshop/contracts';
import {
  EventPublisher,
  NATS_CONNECTION,
  createOutgoingEvent,
  type OutgoingEvent,
} from '@polyshop/messaging';
import { NatsServerProcess, startServiceApp, waitFor } from '@polyshop/testing';
import type Redis from 'ioredis';
import type { NatsConnection } from 'nats';
import { InventoryKeys } from '../redis/inventory-keys';
import { REDIS } from '../redis/redis.constants';
import { SERVICE_OPTIONS } from '../service';
import { StockRepository } from '../stock/stock.repository';
import type { StockLevels } from '../stock/stock-levels';
import { InventoryEventsProbe, type ProbedEvent } from './inventory-events.probe';

/** A fresh product id, so that tests never collide. */
export const newProductId = (): string => randomBytes(12).toString('hex');

/**
 * inventory-service as in production, on a suite of its own: a throwaway NATS server with
 * JetStream (so that no other service reacts to the suite's events, and no other inventory
 * process competes for its durables) and a key prefix of its own in the shared Redis (so that
 * its relay and sweeper see only its keys; everything under the prefix is deleted at the end,
 * never FLUSHDB). The kit publishes the events inventory consumes, waits for their effect, reads
 * stock and reservations, and reads back what inventory published.
 */
export class InventoryTestKit {
  readonly redis: Redis;
  readonly keys: InventoryKeys;
  private readonly replicas: NestFastifyApplication[] = [];

  private constructor(
    readonly app: NestFastifyApplication,
    private readonly broker: NatsServerProcess,
    readonly events: InventoryEventsProbe,
  ) {
    this.redis = app.get<Redis>(REDIS);
    this.keys = app.get(InventoryKeys);
  }

  /** Boots the app with `env` on top of the suite's broker and key prefix. */
  static async start(env: Record<string, string> = {}): Promise<InventoryTestKit> {
    const broker = await NatsServerProcess.start();
    try {
      Object.assign(process.env, {
        NATS_URL: broker.url,
        INVENTORY_KEY_PREFIX: `test:inventory:${randomUUID()}:`,
        ...env,
      });
      // Imported only now: the configuration is validated when the module is loaded.
      const { AppModule } = await import('../app.module');
      const app = await startServiceApp(AppModule, SERVICE_OPTIONS);
      const probe = await InventoryEventsProbe.open(app.get<NatsConnection>(NATS_CONNECTION));
      return new InventoryTestKit(app, broker, probe);
    } catch (error) {
      await broker.dispose();
      throw error;
    }
  }

  get nats(): NatsConnection {
    return this.app.get<NatsConnection>(NATS_CONNECTION);
  }

  /** Another process of the service on the same broker and keys (`AppModule` is loaded). */
  async startReplica(): Promise<NestFastifyApplication> {
    const { AppModule } = await import('../app.module');
    const replica = await startServiceApp(AppModule, SERVICE_OPTIONS);
    this.replicas.push(replica);
    return replica;
  }

  /** The suite's own NATS server, for RPC clients. */
  get natsUrl(): string {
    return this.broker.url;
  }

  /** Stops the app, deletes every key under the suite's prefix, stops the broker. */
  async close(): Promise<void> {
    const cleaner = this.redis.duplicate();
    try {
      await Promise.all([this.app, ...this.replicas].map((app) => app.close()));
      let cursor = '0';
      do {
        const [next, keys] = await cleaner.scan(
          cursor,
          'MATCH',
          `${this.keys.prefix}*`,
          'COUNT',
          1_000,
        );
        if (keys.length > 0) await cleaner.del(...keys);
        cursor = next;
      } while (cursor !== '0');
    } finally {
      cleaner.disconnect();
      await this.broker.dispose();
    }
  }

  newOrderId(): string {
    return randomUUID();
  }

  /** Publishes an event to its stream as its producer's relay would. */
  async publish<S extends EventSubject>(
    subject: S,
    data: EventData<S>,
    correlationId: string,
  ): Promise<OutgoingEvent> {
    const event = createOutgoingEvent(subject, data, { correlationId });
    const [outcome] = await this.app.get(EventPublisher).publishBatch([event]);
    if (!outcome?.ok) throw new Error(`publishing ${subject} failed: ${JSON.stringify(outcome)}`);
    return event;
  }

  /** Publishes many events at once (pipelined). */
  async publishAll(events: readonly OutgoingEvent[]): Promise<void> {
    const outcomes = await this.app.get(EventPublisher).publishBatch(events);
    const failed = outcomes.filter((outcome) => !outcome.ok);
    if (failed.length > 0) throw new Error(`${failed.length} publishes failed`);
  }

  /** Waits until inventory applied (recorded in its inbox) the event published on `subject`. */
  async applied(subject: EventSubject, event: OutgoingEvent): Promise<void> {
    const key = this.keys.inbox(subject, event.id).key;
    await waitFor(
      () => this.redis.exists(key),
      (exists) => exists === 1,
      { description: `${subject} ${event.id} applied`, timeoutMs: 30_000 },
    );
  }

  /** A product known to inventory with `initialStock` units, through `product.created.v1`. */
  async createProduct(initialStock: number): Promise<string> {
    const productId = newProductId();
    const event = await this.publish(
      'product.created.v1',
      {
        productId,
        sku: `SKU-${productId}`,
        name: 'Test product',
        price: 1_000,
        currency: 'EUR',
        initialStock,
      },
      randomUUID(),
    );
    await this.applied('product.created.v1', event);
    return productId;
  }

  /** `order.placed.v1` data for these lines (1.00 EUR a unit). */
  orderPlaced(
    orderId: string,
    lines: readonly { productId: string; quantity: number }[],
  ): EventData<'order.placed.v1'> {
    const items = lines.map((line) => ({ ...line, unitPrice: 100 }));
    return {
      orderId,
      userId: randomUUID(),
      items,
      total: items.reduce((sum, item) => sum + item.quantity * item.unitPrice, 0),
      currency: 'EUR',
      paymentToken: 'tok_visa',
    };
  }

  async stock(productId: string): Promise<StockLevels | null> {
    return this.app.get(StockRepository).levels(productId);
  }

  async reservation(orderId: string): Promise<Record<string, string>> {
    return this.redis.hgetall(this.keys.reservation(orderId));
  }

  /** Waits until the order's reservation record is in `state`. */
  async reservationIn(orderId: string, state: string): Promise<Record<string, string>> {
    return waitFor(
      () => this.reservation(orderId),
      (record) => record.state === state,
      { description: `reservation of ${orderId} ${state}`, timeoutMs: 30_000 },
    );
  }

  async deadlineOf(orderId: string): Promise<string | null> {
    return this.redis.zscore(this.keys.deadlines, orderId);
  }

  /**
   * Every event inventory published about each order, once its outbox holds none of them any
   * more: a script appends all of an effect's events at once, so after the effect is visible
   * and the outbox drained of the order, the stream holds all there will ever be.
   */
  async publishedForAll(orderIds: readonly string[]): Promise<Map<string, ProbedEvent[]>> {
    await waitFor(
      async () => {
        const entries = await this.redis.xrange(this.keys.outbox, '-', '+');
        return entries.filter(([, fields]) =>
          orderIds.some((orderId) => fields.some((field) => field.includes(orderId))),
        ).length;
      },
      (held) => held === 0,
      { description: 'outbox drained of the orders', timeoutMs: 30_000 },
    );
    const byOrder = new Map(orderIds.map((orderId) => [orderId, [] as ProbedEvent[]]));
    for (const event of await this.events.all()) {
      byOrder.get(event.envelope.data.orderId ?? '')?.push(event);
    }
    return byOrder;
  }

  /** `publishedForAll` of one order. */
  async publishedFor(orderId: string): Promise<ProbedEvent[]> {
    return (await this.publishedForAll([orderId])).get(orderId) ?? [];
  }
}

import { randomBytes, randomUUID } from 'node:crypto';
import { ClientProxyFactory, Transport, type ClientProxy } from '@nestjs/microservices';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { LOCAL_URLS } from '@polyshop/config';
import {
  createEnvelope,
  isRpcError,
  parseEnvelope,
  RPC_PATTERNS,
  type EventData,
  type EventEnvelope,
  type EventSubject,
  type OrderStatus,
  type RequesterDto,
  type RpcPattern,
  type RpcReply,
  type RpcResponse,
  type StreamName,
} from '@polyshop/contracts';
import {
  EventPublisher,
  HEADERS,
  NATS_CONNECTION,
  OutboxRelay,
  SqlOutboxStore,
} from '@polyshop/messaging';
import { StreamProbe, startServiceApp, waitFor } from '@polyshop/testing';
import { createConnection } from 'mysql2/promise';
import { headers as natsHeaders, type NatsConnection } from 'nats';
import { lastValueFrom, timeout } from 'rxjs';
import { DataSource } from 'typeorm';
import { SERVICE_OPTIONS } from '../service';

const RPC_TIMEOUT_MS = 10_000;

/** Matchers typed for object literals (`expect.any` is `any`). */
export const anyString = (): string => expect.any(String) as string;
export const matching = (pattern: RegExp): string => expect.stringMatching(pattern) as string;

/** A product id (24 hex digits) no other test run uses. */
export const newProductId = (): string => randomBytes(12).toString('hex');

/** An order's row as a test reads it. */
export interface OrderRow {
  readonly status: OrderStatus;
  readonly reason: string | null;
  readonly total: string;
  readonly currency: string;
}

/** An event order-service appended to its outbox, parsed. */
export interface AppendedEvent<S extends EventSubject> {
  readonly id: string;
  readonly envelope: EventEnvelope<S>;
  readonly publishedAt: Date | null;
}

/**
 * order-service booted as in production, on a throwaway database of the local MariaDB (so a
 * suite sees only its own orders and prices) and the shared NATS, with an RPC client the way the
 * gateway calls it. Events are published straight on the real streams. `close()` stops the app
 * and drops the database.
 *
 * The app's own relay is stopped once booted: an `order.placed.v1` reaching the shared broker
 * while the order is live would let the inventory and payment apps of other suites running at
 * the same time move it on their own. A test publishes what it checks with `flushOutbox`, once
 * its order is where it wants it. The relay's wiring is covered by `outbox-inbox.int-spec.ts`.
 */
export class OrderServiceTestApp {
  private constructor(
    readonly app: NestFastifyApplication,
    readonly dataSource: DataSource,
    readonly nats: NatsConnection,
    private readonly client: ClientProxy,
    private readonly databaseUrl: URL,
  ) {}

  /**
   * Boots the app on a database of its own, with `env` on top of the environment. Import
   * nothing of the app module before: its configuration reads the environment when evaluated,
   * so a suite boots one app.
   */
  static async start(env: Record<string, string> = {}): Promise<OrderServiceTestApp> {
    const url = new URL(process.env.ORDER_DB_URL ?? LOCAL_URLS.orderDb);
    const database = `orders_test_${randomBytes(6).toString('hex')}`;
    await onServer(url, `CREATE DATABASE ${database}`);
    url.pathname = `/${database}`;
    Object.assign(process.env, env, { ORDER_DB_URL: url.toString() });
    const { AppModule } = await import('../app.module');
    const app = await startServiceApp(AppModule, SERVICE_OPTIONS);
    await app.get(OutboxRelay).stop();
    const client = ClientProxyFactory.create({
      transport: Transport.NATS,
      options: { servers: [process.env.NATS_URL ?? LOCAL_URLS.nats] },
    });
    return new OrderServiceTestApp(
      app,
      app.get(DataSource),
      app.get<NatsConnection>(NATS_CONNECTION),
      client,
      url,
    );
  }

  async close(): Promise<void> {
    await this.client.close();
    await this.app.close();
    await onServer(
      this.databaseUrl,
      `DROP DATABASE IF EXISTS ${this.databaseUrl.pathname.slice(1)}`,
    );
  }

  /** Calls `pattern` as the gateway does. */
  call<P extends RpcPattern>(pattern: P, payload: unknown): Promise<RpcReply<P>> {
    return lastValueFrom(
      this.client.send<RpcReply<P>>(pattern, payload).pipe(timeout(RPC_TIMEOUT_MS)),
    );
  }

  /** Calls `pattern` and fails unless it succeeds. */
  async callOk<P extends RpcPattern>(pattern: P, payload: unknown): Promise<RpcResponse<P>> {
    const reply = await this.call(pattern, payload);
    if (isRpcError(reply)) throw new Error(`${pattern} failed: ${JSON.stringify(reply)}`);
    return reply;
  }

  /** Places an order of `quantity` units of `productId` for a new user, as the gateway would. */
  async placeOrder(
    productId: string,
    quantity: number,
  ): Promise<{ id: string; requester: RequesterDto }> {
    const requester: RequesterDto = { userId: randomUUID(), role: 'user' };
    const { id } = await this.callOk(RPC_PATTERNS.ORDERS_PLACE, {
      userId: requester.userId,
      items: [{ productId, quantity }],
      paymentToken: 'tok_visa',
    });
    return { id, requester };
  }

  /**
   * Publishes an event on its real stream as its producer would, `Nats-Msg-Id` = its id unless
   * `msgId` says otherwise (a second copy past the duplicate window, for redelivery tests).
   */
  async publish<S extends EventSubject>(
    subject: S,
    data: EventData<S>,
    options: { correlationId?: string; occurredAt?: Date; envelope?: EventEnvelope<S> } = {},
    msgId?: string,
  ): Promise<EventEnvelope<S>> {
    const envelope =
      options.envelope ??
      createEnvelope(subject, data, {
        correlationId: options.correlationId ?? randomUUID(),
        causationId: null,
        occurredAt: options.occurredAt,
      });
    const headers = natsHeaders();
    headers.set(HEADERS.correlationId, envelope.correlationId);
    await this.nats.jetstream().publish(subject, JSON.stringify(envelope), {
      msgID: msgId ?? envelope.id,
      headers,
    });
    return envelope;
  }

  /** Publishes `product.created.v1` and waits until the price replica holds the product. */
  async seedProduct(price: number, currency = 'EUR'): Promise<string> {
    const productId = newProductId();
    await this.publish('product.created.v1', {
      productId,
      sku: `SKU-${productId}`,
      name: 'Test product',
      price,
      currency,
      initialStock: 100,
    });
    await waitFor(
      () => this.price(productId),
      (row) => row !== undefined,
      { description: `product ${productId} in the price replica` },
    );
    return productId;
  }

  /** The replica's row of a product. */
  async price(productId: string): Promise<{ price: string; currency: string } | undefined> {
    const rows = await this.dataSource.query<{ price: string; currency: string }[]>(
      'SELECT CAST(price AS CHAR) AS price, currency FROM product_prices WHERE product_id = ?',
      [productId],
    );
    return rows[0];
  }

  async order(orderId: string): Promise<OrderRow | undefined> {
    const rows = await this.dataSource.query<OrderRow[]>(
      'SELECT status, reason, CAST(total AS CHAR) AS total, currency FROM orders WHERE id = ?',
      [orderId],
    );
    return rows[0];
  }

  /** Waits until the order is in `status`. */
  waitForStatus(orderId: string, status: OrderStatus, timeoutMs = 15_000): Promise<OrderRow> {
    return waitFor(
      () => this.order(orderId),
      (row) => row?.status === status,
      { description: `order ${orderId} ${status}`, timeoutMs },
    ) as Promise<OrderRow>;
  }

  /** The events of `subject` about `orderId` in the outbox, oldest first. */
  async appended<S extends EventSubject>(subject: S, orderId: string): Promise<AppendedEvent<S>[]> {
    const rows = await this.dataSource.query<
      { id: string; payload: string; published_at: Date | null }[]
    >(
      'SELECT id, payload, published_at FROM outbox WHERE subject = ? AND payload LIKE ? ORDER BY seq',
      [subject, `%${orderId}%`],
    );
    return rows.map((row) => {
      const parsed = parseEnvelope(subject, row.payload);
      if (!parsed.ok) throw new Error(`outbox ${row.id}: ${parsed.reason} ${parsed.detail}`);
      return { id: row.id, envelope: parsed.envelope, publishedAt: row.published_at };
    });
  }

  /**
   * Publishes the outbox as the app's relay would (a relay of the same class on the same store
   * and publisher) until the entries `eventIds` are marked published, then stops it.
   */
  async flushOutbox(...eventIds: string[]): Promise<void> {
    const relay = new OutboxRelay(this.app.get(SqlOutboxStore), this.app.get(EventPublisher));
    relay.start();
    try {
      for (const eventId of eventIds) {
        await waitFor(
          () =>
            this.dataSource.query<{ published_at: Date | null }[]>(
              'SELECT published_at FROM outbox WHERE id = ?',
              [eventId],
            ),
          (rows) => rows[0]?.published_at != null,
          { description: `outbox entry ${eventId} published`, timeoutMs: 30_000 },
        );
      }
    } finally {
      await relay.stop();
    }
  }

  /** The timeline rows of an order, in order. */
  timelineRows(
    orderId: string,
  ): Promise<
    { kind: string; subject: string | null; outcome: string | null; to_status: string | null }[]
  > {
    return this.dataSource.query(
      'SELECT kind, subject, outcome, to_status FROM order_timeline WHERE order_id = ? ORDER BY seq',
      [orderId],
    );
  }

  /** Opens a probe at the current end of a stream. */
  probe(stream: StreamName): Promise<StreamProbe> {
    return StreamProbe.open(this.nats, stream);
  }
}

/** Runs one statement on the database server of `url`, outside any database. */
async function onServer(url: URL, sql: string): Promise<void> {
  const server = new URL(url.toString());
  server.pathname = '/';
  const connection = await createConnection(server.toString());
  try {
    await connection.query(sql);
  } finally {
    await connection.end();
  }
}

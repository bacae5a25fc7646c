import { randomBytes } from 'node:crypto';
import { getConnectionToken } from '@nestjs/mongoose';
import {
  ClientProxyFactory,
  NatsRecordBuilder,
  Transport,
  type ClientProxy,
} from '@nestjs/microservices';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { LOCAL_URLS } from '@polyshop/config';
import {
  isRpcError,
  parseEnvelope,
  type EventEnvelope,
  type RpcPattern,
  type RpcReply,
  type RpcResponse,
} from '@polyshop/contracts';
import { HEADERS, NATS_CONNECTION, type MongoOutboxDocument } from '@polyshop/messaging';
import { StreamProbe, TcpProxy, startServiceApp, waitFor } from '@polyshop/testing';
import type { Connection, mongo } from 'mongoose';
import { headers as natsHeaders, type NatsConnection } from 'nats';
import { lastValueFrom, timeout } from 'rxjs';
import { OUTBOX_COLLECTION } from '../messaging/messaging.constants';
import type { ProductDocument } from '../products/persistence/product.schema';
import { SERVICE_OPTIONS } from '../service';

type ProductSubject = 'product.created.v1' | 'product.price-changed.v1';

/** An event of the outbox, parsed. */
export interface AppendedEvent<S extends ProductSubject> {
  readonly id: string;
  readonly envelope: EventEnvelope<S>;
}

const RPC_TIMEOUT_MS = 10_000;

/**
 * product-service booted as in production, against a throwaway database of the local MongoDB
 * (so a suite sees only its own catalog) and the shared NATS, with an RPC client the way the
 * gateway calls it. `close()` stops the app and drops the database.
 */
export class ProductServiceTestApp {
  private constructor(
    readonly app: NestFastifyApplication,
    readonly connection: Connection,
    private readonly client: ClientProxy,
    /** Between the app and MongoDB: `cut()` takes the store away from this app only. */
    readonly mongoProxy: TcpProxy,
  ) {}

  /** Boots the app on a database of its own; import nothing of the app before this. */
  static async start(): Promise<ProductServiceTestApp> {
    const url = new URL(process.env.PRODUCT_MONGO_URL ?? LOCAL_URLS.productMongo);
    const mongoProxy = new TcpProxy(url.hostname, Number(url.port));
    url.port = String(await mongoProxy.start());
    url.pathname = `/products_test_${randomBytes(6).toString('hex')}`;
    process.env.PRODUCT_MONGO_URL = url.toString();
    // Loaded now: the app's configuration reads the environment when its module is evaluated.
    const { AppModule } = await import('../app.module');
    const app = await startServiceApp(AppModule, SERVICE_OPTIONS).catch(async (error) => {
      await mongoProxy.stop();
      throw error;
    });
    const client = ClientProxyFactory.create({
      transport: Transport.NATS,
      options: { servers: [process.env.NATS_URL ?? LOCAL_URLS.nats] },
    });
    return new ProductServiceTestApp(
      app,
      app.get<Connection>(getConnectionToken()),
      client,
      mongoProxy,
    );
  }

  async close(): Promise<void> {
    this.mongoProxy.restore();
    await this.client.close();
    await this.connection.dropDatabase().catch(() => undefined);
    await this.app.close();
    await this.mongoProxy.stop();
  }

  get products(): mongo.Collection<ProductDocument> {
    return this.connection.collection<ProductDocument>('products');
  }

  get outbox(): mongo.Collection<MongoOutboxDocument> {
    return this.connection.collection<MongoOutboxDocument>(OUTBOX_COLLECTION);
  }

  /** Opens a probe at the current end of the PRODUCT stream. */
  probe(): Promise<StreamProbe> {
    return StreamProbe.open(this.app.get<NatsConnection>(NATS_CONNECTION), 'PRODUCT');
  }

  /** Calls `pattern` as the gateway does, optionally with a correlation id header. */
  call<P extends RpcPattern>(
    pattern: P,
    payload: unknown,
    correlationId?: string,
  ): Promise<RpcReply<P>> {
    const headers = natsHeaders();
    if (correlationId !== undefined) headers.set(HEADERS.correlationId, correlationId);
    const record = new NatsRecordBuilder(payload).setHeaders(headers).build();
    return lastValueFrom(
      this.client.send<RpcReply<P>>(pattern, record).pipe(timeout(RPC_TIMEOUT_MS)),
    );
  }

  /** Calls `pattern` and fails unless it succeeds. */
  async callOk<P extends RpcPattern>(pattern: P, payload: unknown): Promise<RpcResponse<P>> {
    const reply = await this.call(pattern, payload);
    if (isRpcError(reply)) throw new Error(`${pattern} failed: ${JSON.stringify(reply)}`);
    return reply;
  }

  /** The events of `subject` in the outbox whose payload mentions `text` (an id, a SKU). */
  async appended<S extends ProductSubject>(subject: S, text: string): Promise<AppendedEvent<S>[]> {
    const docs = await this.outbox
      .find({ subject, payload: { $regex: escapeRegex(text) } }, { sort: { createdAt: 1 } })
      .toArray();
    return docs.map((doc) => {
      const parsed = parseEnvelope(subject, doc.payload);
      if (!parsed.ok) throw new Error(`outbox ${doc._id}: ${parsed.reason} ${parsed.detail}`);
      return { id: doc._id, envelope: parsed.envelope };
    });
  }

  /** Waits until the relay marked the outbox entry `eventId` published. */
  async published(eventId: string): Promise<void> {
    await waitFor(
      () => this.outbox.findOne({ _id: eventId }),
      (doc) => doc?.publishedAt != null,
      { description: `outbox entry ${eventId} published`, timeoutMs: 30_000 },
    );
  }
}

const escapeRegex = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A SKU no other test run uses. */
export const uniqueSku = (prefix = 'SKU'): string =>
  `${prefix}-${randomBytes(6).toString('hex').toUpperCase()}`;

/** A lower-case word no other product shares, for text searches that find only a test's own. */
export const uniqueWord = (): string =>
  Array.from(randomBytes(10), (byte) => String.fromCharCode(97 + (byte % 26))).join('');

/** Matchers typed as what they stand for, so assertions on typed objects stay type-safe. */
export const anyString = (): string => expect.any(String) as string;
export const matching = (pattern: RegExp): string => expect.stringMatching(pattern) as string;

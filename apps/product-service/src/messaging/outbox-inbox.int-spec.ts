import { randomBytes, randomUUID } from 'node:crypto';
import { getConnectionToken } from '@nestjs/mongoose';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { EVENTS, parseEnvelope } from '@polyshop/contracts';
import {
  MongoInbox,
  MongoOutboxStore,
  NATS_CONNECTION,
  OutboxRelay,
  createOutgoingEvent,
  type MongoInboxDocument,
  type MongoOutboxDocument,
} from '@polyshop/messaging';
import { StreamProbe, startServiceApp, waitFor } from '@polyshop/testing';
import type { Connection, mongo } from 'mongoose';
import { AppModule } from '../app.module';
import { SERVICE_OPTIONS } from '../service';
import { INBOX_COLLECTION, OUTBOX_COLLECTION } from './messaging.constants';

const SUBJECT = 'product.created.v1';
const STREAM = EVENTS[SUBJECT].stream;

describe('product-service outbox and inbox (MongoDB, NATS)', () => {
  const consumer = `product-test-${randomUUID()}`;
  const appended: string[] = [];
  let app: NestFastifyApplication;
  let connection: Connection;
  let outbox: mongo.Collection<MongoOutboxDocument>;
  let inbox: mongo.Collection<MongoInboxDocument>;

  const newEvent = () => {
    const productId = randomBytes(12).toString('hex');
    const event = createOutgoingEvent(
      SUBJECT,
      {
        productId,
        sku: `SKU-${productId.slice(0, 8)}`,
        name: 'Polyshop mug',
        price: 1250,
        currency: 'EUR',
        initialStock: 100,
      },
      { correlationId: randomUUID() },
    );
    appended.push(event.id);
    return event;
  };

  beforeAll(async () => {
    app = await startServiceApp(AppModule, SERVICE_OPTIONS);
    connection = app.get<Connection>(getConnectionToken());
    if (connection.db === undefined) throw new Error('MongoDB is not connected');
    outbox = connection.db.collection<MongoOutboxDocument>(OUTBOX_COLLECTION);
    inbox = connection.db.collection<MongoInboxDocument>(INBOX_COLLECTION);
  });

  afterAll(async () => {
    await outbox?.deleteMany({ _id: { $in: appended } });
    await inbox?.deleteMany({ _id: { $regex: `^${consumer}/` } });
    await app?.close();
  });

  it('creates the outbox and inbox collections with their indexes at boot', async () => {
    const names = async (collection: { indexes(): Promise<{ name?: string }[]> }) =>
      (await collection.indexes()).map((index) => index.name).sort();

    expect(await names(outbox)).toEqual(['_id_', 'outbox_state']);
    expect(await names(inbox)).toEqual(['_id_', 'inbox_processed']);
  });

  it(`publishes an event committed with a transaction to ${STREAM} once, with Nats-Msg-Id = its id`, async () => {
    const probe = await StreamProbe.open(app.get(NATS_CONNECTION), STREAM);
    const event = newEvent();

    await connection.transaction((session) => app.get(MongoOutboxStore).append([event], session));
    app.get(OutboxRelay).kick();

    await waitFor(
      () => outbox.findOne({ _id: event.id }),
      (doc) => doc?.publishedAt != null,
      { description: `outbox document ${event.id} marked published`, timeoutMs: 30_000 },
    );
    const copies = await probe.copiesOf(SUBJECT, event.id);
    expect(copies).toHaveLength(1);
    expect(copies[0]).toMatchObject({ msgId: event.id, payload: event.payload });
    expect(parseEnvelope(SUBJECT, copies[0].payload)).toMatchObject({ ok: true });
  });

  it('keeps no event appended in a transaction that aborts', async () => {
    const event = newEvent();

    await expect(
      connection.transaction(async (session) => {
        await app.get(MongoOutboxStore).append([event], session);
        throw new Error('the state change failed');
      }),
    ).rejects.toThrow('the state change failed');

    expect(await outbox.findOne({ _id: event.id })).toBeNull();
  });

  it("records a consumed event with the handler's transaction: not after an abort, once after a commit", async () => {
    const records = app.get(MongoInbox);
    const eventId = randomUUID();

    await expect(
      connection.transaction(async (session) => {
        await records.record(consumer, eventId, session);
        throw new Error('the effect failed');
      }),
    ).rejects.toThrow('the effect failed');
    const delivery = await connection.transaction((session) =>
      records.record(consumer, eventId, session),
    );
    const redelivery = await connection.transaction((session) =>
      records.record(consumer, eventId, session),
    );

    expect([delivery, redelivery]).toEqual(['recorded', 'duplicate']);
  });
});

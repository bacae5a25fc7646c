import { randomUUID } from 'node:crypto';
import mongoose, { type Connection, type mongo } from 'mongoose';
import { connect, type NatsConnection } from 'nats';
import { LOCAL_URLS } from '@polyshop/config';
import { TcpProxy, waitFor } from '@polyshop/testing';
import { MONGO_INBOX_INDEXES, MongoInbox, type MongoInboxDocument } from '../inbox/mongo-inbox';
import { EventPublisher } from '../publishing/event-publisher';
import type { OutgoingEvent } from '../publishing/outgoing-event';
import {
  MONGO_OUTBOX_INDEXES,
  MongoOutboxStore,
  type MongoOutboxDocument,
} from './mongo-outbox.store';
import { OutboxRelay } from './outbox-relay';
import type { OutboxRelayOptions } from './outbox-relay.options';
import { RecordingPublisher, TestStream, occurrences } from './testing/outbox-test-kit';

const HOUR = 60 * 60_000;
const quietLogger = { log: () => undefined, warn: () => undefined, error: () => undefined };
const fastRelay: Partial<OutboxRelayOptions> = {
  sweepIntervalMs: 100,
  retryBaseMs: 100,
  retryMaxMs: 500,
  leaseMs: 10_000,
};

interface Thing {
  _id: string;
  n: number;
}

describe('MongoDB outbox and inbox', () => {
  const databaseName = `outbox_test_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  let connection: Connection;
  let outbox: mongo.Collection<MongoOutboxDocument>;
  let things: mongo.Collection<Thing>;
  let nats: NatsConnection;
  let stream: TestStream;
  let store: MongoOutboxStore;
  const relays: OutboxRelay[] = [];

  const database = () => {
    if (connection.db === undefined) throw new Error('not connected');
    return connection.db;
  };

  beforeAll(async () => {
    const url = new URL(LOCAL_URLS.productMongo);
    url.pathname = `/${databaseName}`;
    connection = await mongoose.createConnection(url.toString()).asPromise();
    const db = database();
    outbox = await db.createCollection<MongoOutboxDocument>('outbox');
    await outbox.createIndexes([...MONGO_OUTBOX_INDEXES]);
    const inbox = await db.createCollection<MongoInboxDocument>('inbox');
    await inbox.createIndexes([...MONGO_INBOX_INDEXES]);
    things = await db.createCollection<Thing>('things');
    store = new MongoOutboxStore(outbox);
    nats = await connect({ servers: LOCAL_URLS.nats });
    stream = await TestStream.create(nats);
  });

  beforeEach(async () => {
    // Each test starts from an empty outbox: nothing of an earlier test gets relayed.
    await outbox.deleteMany({});
  });

  afterEach(async () => {
    await Promise.all(relays.splice(0).map((relay) => relay.stop()));
  });

  afterAll(async () => {
    await stream?.delete();
    await nats?.close();
    await connection?.dropDatabase();
    await connection?.close();
  });

  const startRelay = (
    publisher: RecordingPublisher = new RecordingPublisher(new EventPublisher(nats)),
    options: Partial<OutboxRelayOptions> = {},
  ) => {
    const relay = new OutboxRelay(store, publisher, {
      ...fastRelay,
      ...options,
      logger: quietLogger,
    });
    relays.push(relay);
    relay.start();
    return { relay, publisher };
  };

  /** Runs `work` in a transaction of a fresh session, as a service's use case does. */
  const inTransaction = async <T>(work: (session: mongo.ClientSession) => Promise<T>) => {
    const session = await connection.startSession();
    try {
      let result: T | undefined;
      await session.withTransaction(async () => {
        result = await work(session);
      });
      return result as T;
    } finally {
      await session.endSession();
    }
  };

  const commitWithEvents = (events: readonly OutgoingEvent[], thing = randomUUID()) =>
    inTransaction(async (session) => {
      await things.insertOne({ _id: thing, n: 1 }, { session });
      await store.append(events, session);
      return thing;
    });

  const outboxRows = (ids: readonly string[]) => outbox.countDocuments({ _id: { $in: [...ids] } });
  const unpublishedRows = (ids: readonly string[]) =>
    outbox.countDocuments({ _id: { $in: [...ids] }, publishedAt: null });
  const streamIds = async () => (await stream.read()).map((message) => message.msgId);

  describe('outbox', () => {
    it('stores the state change and its events together when the transaction commits', async () => {
      const events = stream.events(3);
      const thing = await commitWithEvents(events);

      expect(await things.countDocuments({ _id: thing })).toBe(1);
      expect(await outboxRows(events.map((e) => e.id))).toBe(3);
    });

    it('stores neither the state change nor its events when the transaction rolls back', async () => {
      const events = stream.events(2);
      const thing = randomUUID();
      await expect(
        inTransaction(async (session) => {
          await things.insertOne({ _id: thing, n: 1 }, { session });
          await store.append(events, session);
          throw new Error('business rule violated');
        }),
      ).rejects.toThrow('business rule violated');

      expect(await things.countDocuments({ _id: thing })).toBe(0);
      expect(await outboxRows(events.map((e) => e.id))).toBe(0);
    });

    it('publishes a committed event once, with its id as Nats-Msg-Id, right after the kick', async () => {
      const { relay, publisher } = startRelay(undefined, { sweepIntervalMs: 60_000 });
      const before = await stream.count();
      const [event] = stream.events(1, { 'Polyshop-Correlation-Id': 'order-1' });
      await commitWithEvents([event]);
      relay.kick();

      await waitFor(
        () => unpublishedRows([event.id]),
        (n) => n === 0,
        {
          description: 'the entry marked published',
        },
      );
      const stored = (await stream.read()).filter((message) => message.msgId === event.id);
      expect(stored).toEqual([
        {
          msgId: event.id,
          subject: event.subject,
          payload: event.payload,
          headers: expect.objectContaining({
            'Nats-Msg-Id': event.id,
            'Polyshop-Correlation-Id': 'order-1',
          }) as Record<string, string>,
        },
      ]);
      expect(await stream.count()).toBe(before + 1);
      expect(publisher.calls).toEqual([event.id]);
    });

    it('publishes, from a relay started after a crash, events committed but never relayed', async () => {
      const events = stream.events(5);
      await commitWithEvents(events);
      expect(await unpublishedRows(events.map((e) => e.id))).toBe(5);

      const { publisher } = startRelay();

      await waitFor(
        () => unpublishedRows(events.map((e) => e.id)),
        (n) => n === 0,
      );
      const ids = await streamIds();
      for (const event of events) expect(occurrences(ids).get(event.id)).toBe(1);
      expect([...publisher.calls].sort()).toEqual(events.map((e) => e.id).sort());
    });

    it('takes over entries claimed by a relay that died before publishing them, once the lease expires', async () => {
      const events = stream.events(4);
      await commitWithEvents(events);
      const claimed = await store.claim(100, 'relay-that-died', 300);
      expect(claimed.map((e) => e.id).sort()).toEqual(events.map((e) => e.id).sort());

      const { publisher } = startRelay();
      expect(await store.claim(100, 'another-relay', 300)).toEqual([]);

      await waitFor(
        () => unpublishedRows(events.map((e) => e.id)),
        (n) => n === 0,
      );
      const ids = await streamIds();
      for (const event of events) expect(occurrences(ids).get(event.id)).toBe(1);
      expect([...publisher.calls].sort()).toEqual(events.map((e) => e.id).sort());
    });

    it('keeps events committed while the broker is unreachable and publishes each once when it is back', async () => {
      const proxy = new TcpProxy('127.0.0.1', Number(new URL(LOCAL_URLS.nats).port));
      const port = await proxy.start();
      const relayNats = await connect({
        servers: `127.0.0.1:${port}`,
        maxReconnectAttempts: -1,
        reconnectTimeWait: 100,
      });
      try {
        const { relay } = startRelay(new RecordingPublisher(new EventPublisher(relayNats)));
        proxy.cut();
        const events = stream.events(20);
        const ids = events.map((e) => e.id);
        await commitWithEvents(events.slice(0, 10));
        relay.kick();
        await commitWithEvents(events.slice(10));
        relay.kick();

        await waitFor(
          () => Promise.resolve(relay.stats().failed),
          (failed) => failed >= 20,
          { description: 'publishes failing during the outage' },
        );
        expect(await unpublishedRows(ids)).toBe(20);

        proxy.restore();
        await waitFor(
          () => unpublishedRows(ids),
          (n) => n === 0,
          { timeoutMs: 30_000 },
        );
        const stored = occurrences(await streamIds());
        for (const id of ids) expect(stored.get(id)).toBe(1);
      } finally {
        await Promise.all(relays.splice(0).map((relay) => relay.stop()));
        await relayNats.close();
        await proxy.stop();
      }
    });

    it('publishes every event exactly once with two relay replicas draining the same outbox', async () => {
      const first = startRelay(undefined, { batchSize: 50 });
      const second = startRelay(undefined, { batchSize: 50 });
      const events = stream.events(2_000);
      const ids = events.map((e) => e.id);

      await Promise.all(
        Array.from({ length: 20 }, async (_, i) => {
          await commitWithEvents(events.slice(i * 100, (i + 1) * 100));
          first.relay.kick();
          second.relay.kick();
        }),
      );

      await waitFor(
        () => unpublishedRows(ids),
        (n) => n === 0,
        { timeoutMs: 30_000 },
      );
      const calls = [...first.publisher.calls, ...second.publisher.calls];
      expect(calls).toHaveLength(2_000);
      expect(new Set(calls).size).toBe(2_000);
      expect(first.publisher.calls.length).toBeGreaterThan(0);
      expect(second.publisher.calls.length).toBeGreaterThan(0);
      const stored = occurrences(await streamIds());
      expect(ids.filter((id) => stored.get(id) !== 1)).toEqual([]);
    });

    it('purges entries published longer ago than the retention and keeps the rest', async () => {
      const { relay } = startRelay();
      const published = stream.events(3);
      await commitWithEvents(published);
      relay.kick();
      await waitFor(
        () => unpublishedRows(published.map((e) => e.id)),
        (n) => n === 0,
      );
      await relay.stop();
      const [pending] = stream.events(1);
      await commitWithEvents([pending]);
      const aged = published.slice(0, 2).map((e) => e.id);
      await outbox.updateMany(
        { _id: { $in: aged } },
        { $set: { publishedAt: new Date(Date.now() - 2 * HOUR) } },
      );

      expect(await store.purgePublished(HOUR)).toBe(2);

      expect(await outboxRows(aged)).toBe(0);
      expect(await outboxRows([published[2].id, pending.id])).toBe(2);
    });
  });

  describe('inbox', () => {
    const consumer = 'test-consumer';
    const counter = randomUUID();
    let inbox: MongoInbox;
    let records: mongo.Collection<MongoInboxDocument>;

    beforeAll(async () => {
      records = database().collection<MongoInboxDocument>('inbox');
      inbox = new MongoInbox(records);
      await things.insertOne({ _id: counter, n: 0 });
    });

    const handle = (eventId: string, fail = false) =>
      inTransaction(async (session) => {
        const result = await inbox.record(consumer, eventId, session);
        if (result === 'recorded') {
          await things.updateOne({ _id: counter }, { $inc: { n: 1 } }, { session });
        }
        if (fail) throw new Error('handler crashed');
        return result;
      });
    const effects = async () => (await things.findOne({ _id: counter }))?.n ?? 0;
    const recorded = (eventId: string) => records.countDocuments({ _id: `${consumer}/${eventId}` });

    it('applies the effect once when the same event is delivered twice', async () => {
      const before = await effects();
      const eventId = randomUUID();

      expect(await handle(eventId)).toBe('recorded');
      expect(await handle(eventId)).toBe('duplicate');

      expect(await effects()).toBe(before + 1);
      expect(await recorded(eventId)).toBe(1);
    });

    it('applies the effect once when two deliveries of an event are handled concurrently', async () => {
      const before = await effects();
      const eventId = randomUUID();

      const results = await Promise.all([handle(eventId), handle(eventId)]);

      expect(results.sort()).toEqual(['duplicate', 'recorded']);
      expect(await effects()).toBe(before + 1);
    });

    it('keeps no record of a handler that rolled back, so the redelivery applies the effect', async () => {
      const before = await effects();
      const eventId = randomUUID();

      await expect(handle(eventId, true)).rejects.toThrow('handler crashed');
      expect(await recorded(eventId)).toBe(0);
      expect(await effects()).toBe(before);

      expect(await handle(eventId)).toBe('recorded');
      expect(await effects()).toBe(before + 1);
    });

    it('purges records older than the retention and keeps the recent ones', async () => {
      const old = randomUUID();
      const recent = randomUUID();
      await handle(old);
      await handle(recent);
      await records.updateOne(
        { _id: `${consumer}/${old}` },
        { $set: { processedAt: new Date(Date.now() - 8 * 24 * HOUR) } },
      );

      expect(await inbox.purge(7 * 24 * HOUR)).toBe(1);

      expect(await recorded(old)).toBe(0);
      expect(await recorded(recent)).toBe(1);
    });
  });
});

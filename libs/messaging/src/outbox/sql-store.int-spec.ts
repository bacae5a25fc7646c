import { randomUUID } from 'node:crypto';
import { connect, type NatsConnection } from 'nats';
import { DataSource, type EntityManager } from 'typeorm';
import { LOCAL_URLS } from '@polyshop/config';
import { TcpProxy, waitFor } from '@polyshop/testing';
import { inboxSchema } from '../inbox/sql-inbox.schema';
import { SqlInbox } from '../inbox/sql-inbox';
import { EventPublisher } from '../publishing/event-publisher';
import type { OutgoingEvent } from '../publishing/outgoing-event';
import { OutboxRelay } from './outbox-relay';
import type { OutboxRelayOptions } from './outbox-relay.options';
import { outboxSchema } from './sql-outbox.schema';
import { SqlOutboxStore } from './sql-outbox.store';
import type { SqlDialect } from './sql-executor';
import { RecordingPublisher, TestStream, occurrences } from './testing/outbox-test-kit';

interface SqlKind {
  name: string;
  dialect: SqlDialect;
  /** An existing database of the local server to create the throwaway one from. */
  adminUrl: string;
  /** The local MariaDB lets polyshop create `orders_%` databases only. */
  databasePrefix: string;
}

const KINDS: SqlKind[] = [
  {
    name: 'PostgreSQL',
    dialect: 'postgres',
    adminUrl: LOCAL_URLS.userDb,
    databasePrefix: 'outbox_test_',
  },
  {
    name: 'MariaDB',
    dialect: 'mysql',
    adminUrl: LOCAL_URLS.orderDb,
    databasePrefix: 'orders_outbox_test_',
  },
];

const HOUR = 60 * 60_000;
const quietLogger = { log: () => undefined, warn: () => undefined, error: () => undefined };
const fastRelay: Partial<OutboxRelayOptions> = {
  sweepIntervalMs: 100,
  retryBaseMs: 100,
  retryMaxMs: 500,
  leaseMs: 10_000,
};

function dataSourceFor(kind: SqlKind, url: string): DataSource {
  return kind.dialect === 'postgres'
    ? new DataSource({ type: 'postgres', url, poolSize: 10 })
    : new DataSource({ type: 'mysql', url, timezone: 'Z', charset: 'utf8mb4_unicode_ci' });
}

describe.each(KINDS)('$name outbox and inbox', (kind) => {
  const database = `${kind.databasePrefix}${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const p = (n: number) => (kind.dialect === 'mysql' ? '?' : `$${n}`);
  let admin: DataSource;
  let dataSource: DataSource;
  let nats: NatsConnection;
  let stream: TestStream;
  let store: SqlOutboxStore;
  const relays: OutboxRelay[] = [];

  beforeAll(async () => {
    admin = await dataSourceFor(kind, kind.adminUrl).initialize();
    await admin.query(`CREATE DATABASE ${database}`);
    const url = new URL(kind.adminUrl);
    url.pathname = `/${database}`;
    dataSource = await dataSourceFor(kind, url.toString()).initialize();
    for (const sql of [...outboxSchema(kind.dialect).up, ...inboxSchema(kind.dialect).up]) {
      await dataSource.query(sql);
    }
    await dataSource.query(
      'CREATE TABLE things (id varchar(64) NOT NULL PRIMARY KEY, n integer NOT NULL)',
    );
    store = new SqlOutboxStore({ dialect: kind.dialect, database: dataSource });
    nats = await connect({ servers: LOCAL_URLS.nats });
    stream = await TestStream.create(nats);
  });

  beforeEach(async () => {
    // Each test starts from an empty outbox: nothing of an earlier test gets relayed.
    await dataSource.query('DELETE FROM outbox');
  });

  afterEach(async () => {
    await Promise.all(relays.splice(0).map((relay) => relay.stop()));
  });

  afterAll(async () => {
    await stream?.delete();
    await nats?.close();
    await dataSource?.destroy();
    const force = kind.dialect === 'postgres' ? ' WITH (FORCE)' : '';
    await admin?.query(`DROP DATABASE IF EXISTS ${database}${force}`);
    await admin?.destroy();
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

  /** A state change and its events in one transaction, as a producer writes them. */
  const commitWithEvents = (events: readonly OutgoingEvent[], thing = randomUUID()) =>
    dataSource.transaction(async (tx) => {
      await tx.query(`INSERT INTO things (id, n) VALUES (${p(1)}, ${p(2)})`, [thing, 1]);
      await store.append(tx, events);
      return thing;
    });

  const count = async (sql: string, parameters: unknown[] = []) => {
    const rows = await dataSource.query<{ n: string | number }[]>(sql, parameters);
    return Number(rows[0].n);
  };
  const outboxRows = (ids: readonly string[]) =>
    count(
      `SELECT count(*) AS n FROM outbox WHERE id IN (${ids.map((_, i) => p(i + 1)).join(', ')})`,
      [...ids],
    );
  const unpublishedRows = (ids: readonly string[]) =>
    count(
      `SELECT count(*) AS n FROM outbox WHERE published_at IS NULL AND id IN (${ids
        .map((_, i) => p(i + 1))
        .join(', ')})`,
      [...ids],
    );
  const streamIds = async () => (await stream.read()).map((message) => message.msgId);

  describe('outbox', () => {
    it('stores the state change and its events together when the transaction commits', async () => {
      const events = stream.events(3);
      const thing = await commitWithEvents(events);

      expect(await count(`SELECT count(*) AS n FROM things WHERE id = ${p(1)}`, [thing])).toBe(1);
      expect(await outboxRows(events.map((e) => e.id))).toBe(3);
    });

    it('stores neither the state change nor its events when the transaction rolls back', async () => {
      const events = stream.events(2);
      const thing = randomUUID();
      await expect(
        dataSource.transaction(async (tx: EntityManager) => {
          await tx.query(`INSERT INTO things (id, n) VALUES (${p(1)}, ${p(2)})`, [thing, 1]);
          await store.append(tx, events);
          throw new Error('business rule violated');
        }),
      ).rejects.toThrow('business rule violated');

      expect(await count(`SELECT count(*) AS n FROM things WHERE id = ${p(1)}`, [thing])).toBe(0);
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
          description: 'the row marked published',
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
            'Polyshop-Event-Type': 'thing.happened.v1',
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
      expect(publisher.calls).toEqual(events.map((e) => e.id));
    });

    it('takes over entries claimed by a relay that died before publishing them, once the lease expires', async () => {
      const events = stream.events(4);
      await commitWithEvents(events);
      const claimed = await store.claim(100, 'relay-that-died', 300);
      expect(claimed.map((e) => e.id)).toEqual(events.map((e) => e.id));

      const { publisher } = startRelay();
      expect(await store.claim(100, 'another-relay', 300)).toEqual([]);

      await waitFor(
        () => unpublishedRows(events.map((e) => e.id)),
        (n) => n === 0,
      );
      const ids = await streamIds();
      for (const event of events) expect(occurrences(ids).get(event.id)).toBe(1);
      expect(publisher.calls).toEqual(events.map((e) => e.id));
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
      await dataSource.query(
        kind.dialect === 'mysql'
          ? `UPDATE outbox SET published_at = published_at - INTERVAL 2 HOUR WHERE id IN (?, ?)`
          : `UPDATE outbox SET published_at = published_at - interval '2 hours' WHERE id IN ($1, $2)`,
        aged,
      );

      expect(await store.purgePublished(HOUR)).toBe(2);

      expect(await outboxRows(aged)).toBe(0);
      expect(await outboxRows([published[2].id, pending.id])).toBe(2);
    });
  });

  describe('inbox', () => {
    const consumer = 'test-consumer';
    let inbox: SqlInbox;
    const counter = randomUUID();

    beforeAll(async () => {
      inbox = new SqlInbox({ dialect: kind.dialect, database: dataSource });
      await dataSource.query(`INSERT INTO things (id, n) VALUES (${p(1)}, 0)`, [counter]);
    });

    /** A handler whose effect increments the counter, in one transaction with the record. */
    const handle = (eventId: string, fail = false) =>
      dataSource.transaction(async (tx) => {
        const result = await inbox.record(tx, consumer, eventId);
        if (result === 'recorded') {
          await tx.query(`UPDATE things SET n = n + 1 WHERE id = ${p(1)}`, [counter]);
        }
        if (fail) throw new Error('handler crashed');
        return result;
      });
    const effects = () => count(`SELECT n FROM things WHERE id = ${p(1)}`, [counter]);
    const records = (eventId: string) =>
      count(`SELECT count(*) AS n FROM inbox WHERE event_id = ${p(1)}`, [eventId]);

    it('applies the effect once when the same event is delivered twice', async () => {
      const before = await effects();
      const eventId = randomUUID();

      expect(await handle(eventId)).toBe('recorded');
      expect(await handle(eventId)).toBe('duplicate');

      expect(await effects()).toBe(before + 1);
      expect(await records(eventId)).toBe(1);
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
      expect(await records(eventId)).toBe(0);
      expect(await effects()).toBe(before);

      expect(await handle(eventId)).toBe('recorded');
      expect(await effects()).toBe(before + 1);
    });

    it('purges records older than the retention and keeps the recent ones', async () => {
      const old = randomUUID();
      const recent = randomUUID();
      await handle(old);
      await handle(recent);
      await dataSource.query(
        kind.dialect === 'mysql'
          ? `UPDATE inbox SET processed_at = processed_at - INTERVAL 8 DAY WHERE event_id = ?`
          : `UPDATE inbox SET processed_at = processed_at - interval '8 days' WHERE event_id = $1`,
        [old],
      );

      expect(await inbox.purge(7 * 24 * HOUR)).toBe(1);

      expect(await records(old)).toBe(0);
      expect(await records(recent)).toBe(1);
    });
  });
});

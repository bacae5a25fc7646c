import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { LOCAL_URLS } from '@polyshop/config';
import { TcpProxy, waitFor } from '@polyshop/testing';
import { inboxSchema } from '../inbox/sql-inbox.schema';
import { SqlInbox } from '../inbox/sql-inbox';
import type { OutgoingEvent } from '../publishing/outgoing-event';
import type { AppendLease } from './outbox-relay.options';
import type { ClaimedEvent } from './outbox-store';
import { outboxSchema } from './sql-outbox.schema';
import { SqlOutboxStore } from './sql-outbox.store';
import type { SqlDialect } from './sql-executor';
import {
  describeOutboxContract,
  HANDLER_FAILED,
  PRODUCER_REJECTED,
  TRANSACTION_WORDING,
  type OutboxContractHarness,
} from './testing/describe-outbox-contract';

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

const CONSUMER = 'test-consumer';

function dataSourceFor(kind: SqlKind, url: string): DataSource {
  return kind.dialect === 'postgres'
    ? new DataSource({ type: 'postgres', url, poolSize: 10 })
    : new DataSource({ type: 'mysql', url, timezone: 'Z', charset: 'utf8mb4_unicode_ci' });
}

/** The fast path's producer: a state change and its events appended under a relay's lease. */
interface LeasedProducer {
  produceLeased(events: readonly OutgoingEvent[], lease: AppendLease): Promise<ClaimedEvent[]>;
}

/** A throwaway database with the outbox, the inbox and a `things` table for state changes. */
function sqlHarness(kind: SqlKind): OutboxContractHarness & LeasedProducer {
  const database = `${kind.databasePrefix}${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const p = (n: number) => (kind.dialect === 'mysql' ? '?' : `$${n}`);
  const list = (values: readonly unknown[], first = 1) =>
    values.map((_, i) => p(first + i)).join(', ');
  /** `column` moved back by the seconds of parameter 1. */
  const backdated = (column: string) =>
    kind.dialect === 'mysql'
      ? `${column} - INTERVAL ${p(1)} SECOND`
      : `${column} - ${p(1)} * interval '1 second'`;
  const counter = randomUUID();
  let admin: DataSource | undefined;
  let dataSource: DataSource;
  let store: SqlOutboxStore;
  let inbox: SqlInbox;

  const count = async (sql: string, parameters: unknown[] = []) => {
    const rows = await dataSource.query<{ n: string | number }[]>(sql, parameters);
    return Number(rows[0].n);
  };
  const outboxIds = async (ids: readonly string[], unpublishedOnly: boolean) => {
    const rows = await dataSource.query<{ id: string }[]>(
      `SELECT id FROM outbox WHERE id IN (${list(ids)})` +
        `${unpublishedOnly ? ' AND published_at IS NULL' : ''} ORDER BY seq`,
      [...ids],
    );
    return rows.map((row) => row.id);
  };

  return {
    name: kind.name,
    wording: TRANSACTION_WORDING,
    keepsAppendOrder: true,

    async setUp() {
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
      await dataSource.query(`INSERT INTO things (id, n) VALUES (${p(1)}, 0)`, [counter]);
      store = new SqlOutboxStore({ dialect: kind.dialect, database: dataSource });
      inbox = new SqlInbox({ dialect: kind.dialect, database: dataSource });
    },

    async reset() {
      await dataSource.query('DELETE FROM outbox');
    },

    async tearDown() {
      await dataSource?.destroy();
      const force = kind.dialect === 'postgres' ? ' WITH (FORCE)' : '';
      await admin?.query(`DROP DATABASE IF EXISTS ${database}${force}`);
      await admin?.destroy();
    },

    store: () => store,

    produce: (events, thing, outcome = 'commit') =>
      dataSource.transaction(async (tx) => {
        await tx.query(`INSERT INTO things (id, n) VALUES (${p(1)}, ${p(2)})`, [thing, 1]);
        await store.append(tx, events);
        if (outcome === 'reject') throw new Error(PRODUCER_REJECTED);
      }),

    produceLeased: (events, lease) =>
      dataSource.transaction(async (tx) => {
        await tx.query(`INSERT INTO things (id, n) VALUES (${p(1)}, ${p(2)})`, [randomUUID(), 1]);
        return store.appendLeased(tx, events, lease);
      }),

    hasThing: async (thing) =>
      (await count(`SELECT count(*) AS n FROM things WHERE id = ${p(1)}`, [thing])) === 1,

    stored: (ids) => outboxIds(ids, false),
    unpublished: (ids) => outboxIds(ids, true),

    publishedEntries: {
      backdate: async (ids, ms) => {
        await dataSource.query(
          `UPDATE outbox SET published_at = ${backdated('published_at')} ` +
            `WHERE id IN (${list(ids, 2)})`,
          [ms / 1_000, ...ids],
        );
      },
    },

    inbox: {
      handle: (eventId, outcome = 'commit') =>
        dataSource.transaction(async (tx) => {
          const result = await inbox.record(tx, CONSUMER, eventId);
          if (result === 'recorded') {
            await tx.query(`UPDATE things SET n = n + 1 WHERE id = ${p(1)}`, [counter]);
          }
          if (outcome === 'fail') throw new Error(HANDLER_FAILED);
          return result;
        }),
      effects: () => count(`SELECT n FROM things WHERE id = ${p(1)}`, [counter]),
      records: (eventId) =>
        count(`SELECT count(*) AS n FROM inbox WHERE event_id = ${p(1)}`, [eventId]),
      retention: {
        backdate: async (eventId, ms) => {
          await dataSource.query(
            `UPDATE inbox SET processed_at = ${backdated('processed_at')} WHERE event_id = ${p(2)}`,
            [ms / 1_000, eventId],
          );
        },
        purge: (retentionMs) => inbox.purge(retentionMs),
      },
    },
  };
}

const allPublished = (harness: OutboxContractHarness, ids: readonly string[]) =>
  waitFor(
    () => harness.unpublished(ids),
    (left) => left.length === 0,
    { description: 'every entry published' },
  );

for (const kind of KINDS) {
  const harness = sqlHarness(kind);
  describeOutboxContract({
    harness,
    helpers: { waitFor, TcpProxy },
    outboxTests: ({ stream, startRelay }) => {
      it('publishes entries appended under the relay lease once, without a claim, and marks them', async () => {
        // A sweeper every 20 ms would take the entries, were they not leased.
        const { relay, publisher } = startRelay(undefined, { sweepIntervalMs: 20 });
        const events = stream().events(3);
        const appended = await harness.produceLeased(events, relay.appendLease);
        expect(appended.map((event) => event.id)).toEqual(events.map((event) => event.id));
        expect(new Set(appended.map((event) => event.ref)).size).toBe(3);
        expect(await harness.store().claim(100, 'another-relay', 10_000)).toEqual([]);

        relay.publishCommitted(appended);

        await allPublished(
          harness,
          events.map((event) => event.id),
        );
        expect(publisher.calls).toEqual(events.map((event) => event.id));
        expect(relay.stats()).toMatchObject({ published: 3, duplicates: 0 });
      });

      it('leaves entries a dead relay appended under its lease to any sweeper once it ends', async () => {
        const events = stream().events(2);
        await harness.produceLeased(events, { owner: 'relay-that-died', leaseMs: 500 });

        const { publisher } = startRelay();

        await allPublished(
          harness,
          events.map((event) => event.id),
        );
        expect(publisher.calls).toEqual(events.map((event) => event.id));
      });
    },
  });
}

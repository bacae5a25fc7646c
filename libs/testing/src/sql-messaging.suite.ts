import { randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Type } from '@nestjs/common';
import { EVENTS, parseEnvelope, type EventSubject } from '@polyshop/contracts';
import type { ServiceAppOptions } from '@polyshop/service-runtime';
import type { NatsConnection } from 'nats';
import { startServiceApp } from './service-app';
import { StreamProbe } from './stream-probe';
import { waitFor } from './wait-for';

/** The service's own database handle (its TypeORM `DataSource`). */
export interface SqlTestDatabase {
  query<T = unknown>(sql: string, parameters?: unknown[]): Promise<T>;
  transaction<T>(work: (transaction: never) => Promise<T>): Promise<T>;
}

/**
 * What the suite takes from the app, as `@polyshop/messaging` provides it (passed in, since
 * that library's own tests use this one): the outbox and relay as the services' use cases use
 * them, through the relay's fast path.
 */
export interface SqlMessagingParts {
  outbox: {
    appendLeased(
      transaction: never,
      events: OutgoingEventLike[],
      lease: unknown,
    ): Promise<unknown[]>;
  };
  inbox: { record(transaction: never, consumer: string, eventId: string): Promise<string> };
  relay: { readonly appendLease: unknown; publishCommitted(events: readonly unknown[]): void };
  nats: NatsConnection;
}

interface OutgoingEventLike {
  id: string;
  subject: string;
  payload: string;
}

export interface SqlMessagingSuiteOptions<S extends EventSubject> {
  /** Labels the suite, e.g. `order-service outbox and inbox (MariaDB, NATS)`. */
  title: string;
  module: Type<unknown>;
  options: ServiceAppOptions;
  database: (app: NestFastifyApplication) => SqlTestDatabase;
  parts: (app: NestFastifyApplication) => SqlMessagingParts;
  dialect: 'mysql' | 'postgres';
  /** An event of the service's own producer (`createOutgoingEvent`), fresh on every call. */
  subject: S;
  event: () => OutgoingEventLike;
  /** The `<table>.<index>` names the service's first migration creates. */
  indexes: string[];
  migration: string;
}

const INDEXES_SQL: Record<SqlMessagingSuiteOptions<EventSubject>['dialect'], string> = {
  postgres: `SELECT tablename AS "tableName", indexname AS "indexName" FROM pg_indexes
             WHERE schemaname = current_schema() AND tablename IN ('outbox', 'inbox')`,
  mysql: `SELECT DISTINCT table_name AS tableName, index_name AS indexName
          FROM information_schema.statistics
          WHERE table_schema = DATABASE() AND table_name IN ('outbox', 'inbox')`,
};

/**
 * How a SQL service owns its outbox and inbox, checked against its real database and NATS:
 * the migration made the tables, a committed event reaches the service's stream once with
 * `Nats-Msg-Id` = its id, a rolled-back one never, and the inbox records with the handler's
 * transaction only.
 */
export function describeSqlMessagingWiring<S extends EventSubject>(
  suite: SqlMessagingSuiteOptions<S>,
): void {
  const { subject, dialect } = suite;
  const stream = EVENTS[subject].stream;
  const param = (n: number) => (dialect === 'postgres' ? `$${n}` : '?');

  describe(suite.title, () => {
    const consumer = `test-${randomUUID()}`;
    const appended: string[] = [];
    let app: NestFastifyApplication;
    let database: SqlTestDatabase;
    let parts: SqlMessagingParts;

    const newEvent = () => {
      const event = suite.event();
      appended.push(event.id);
      return event;
    };
    const outboxRows = (id: string) =>
      database.query<Array<{ published_at: Date | null }>>(
        `SELECT published_at FROM outbox WHERE id = ${param(1)}`,
        [id],
      );

    beforeAll(async () => {
      app = await startServiceApp(suite.module, suite.options);
      database = suite.database(app);
      parts = suite.parts(app);
    });

    afterAll(async () => {
      if (database) {
        await database.query(`DELETE FROM inbox WHERE consumer = ${param(1)}`, [consumer]);
        for (const id of appended) {
          await database.query(`DELETE FROM outbox WHERE id = ${param(1)}`, [id]);
        }
      }
      await app?.close();
    });

    it('creates the outbox and inbox tables with their indexes in its first migration', async () => {
      const migrations = await database.query<Array<{ name: string }>>(
        'SELECT name FROM migrations',
      );
      expect(migrations.map((m) => m.name)).toContain(suite.migration);
      const indexes = await database.query<Array<{ tableName: string; indexName: string }>>(
        INDEXES_SQL[dialect],
      );
      expect(indexes.map((i) => `${i.tableName}.${i.indexName}`).sort()).toEqual(
        [...suite.indexes].sort(),
      );
    });

    it(`publishes an event committed with a transaction to ${stream} once, with Nats-Msg-Id = its id`, async () => {
      const probe = await StreamProbe.open(parts.nats, stream);
      const event = newEvent();

      const appended = await database.transaction((tx) =>
        parts.outbox.appendLeased(tx, [event], parts.relay.appendLease),
      );
      parts.relay.publishCommitted(appended);

      await waitFor(
        () => outboxRows(event.id),
        (rows) => rows[0]?.published_at != null,
        { description: `outbox row ${event.id} marked published`, timeoutMs: 30_000 },
      );
      const copies = await probe.copiesOf(subject, event.id);
      expect(copies).toHaveLength(1);
      expect(copies[0]).toMatchObject({ msgId: event.id, payload: event.payload });
      expect(parseEnvelope(subject, copies[0].payload)).toMatchObject({ ok: true });
    });

    it('keeps no event appended in a transaction that rolls back', async () => {
      const event = newEvent();

      await expect(
        database.transaction(async (tx) => {
          await parts.outbox.appendLeased(tx, [event], parts.relay.appendLease);
          throw new Error('the state change failed');
        }),
      ).rejects.toThrow('the state change failed');

      expect(await outboxRows(event.id)).toEqual([]);
    });

    it("records a consumed event with the handler's transaction: not after a rollback, once after a commit", async () => {
      const { inbox } = parts;
      const eventId = randomUUID();

      await expect(
        database.transaction(async (tx) => {
          await inbox.record(tx, consumer, eventId);
          throw new Error('the effect failed');
        }),
      ).rejects.toThrow('the effect failed');
      const delivery = await database.transaction((tx) => inbox.record(tx, consumer, eventId));
      const redelivery = await database.transaction((tx) => inbox.record(tx, consumer, eventId));

      expect([delivery, redelivery]).toEqual(['recorded', 'duplicate']);
    });
  });
}

import { randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { EVENTS, parseEnvelope } from '@polyshop/contracts';
import {
  NATS_CONNECTION,
  OutboxRelay,
  SqlInbox,
  SqlOutboxStore,
  createOutgoingEvent,
} from '@polyshop/messaging';
import { StreamProbe, startServiceApp, waitFor } from '@polyshop/testing';
import { DataSource } from 'typeorm';
import { AppModule } from '../app.module';
import { SERVICE_OPTIONS } from '../service';

const SUBJECT = 'payment.refunded.v1';
const STREAM = EVENTS[SUBJECT].stream;

describe('payment-service outbox and inbox (PostgreSQL, NATS)', () => {
  const consumer = `payment-test-${randomUUID()}`;
  const appended: string[] = [];
  let app: NestFastifyApplication;
  let dataSource: DataSource;

  const newEvent = () => {
    const event = createOutgoingEvent(
      SUBJECT,
      {
        orderId: randomUUID(),
        paymentId: randomUUID(),
        refundId: randomUUID(),
        amount: 1999,
        currency: 'EUR',
      },
      { correlationId: randomUUID() },
    );
    appended.push(event.id);
    return event;
  };
  const outboxRows = (id: string) =>
    dataSource.query<{ published_at: Date | null }[]>(
      'SELECT published_at FROM outbox WHERE id = $1',
      [id],
    );

  beforeAll(async () => {
    app = await startServiceApp(AppModule, SERVICE_OPTIONS);
    dataSource = app.get(DataSource);
  });

  afterAll(async () => {
    if (dataSource?.isInitialized) {
      await dataSource.query('DELETE FROM inbox WHERE consumer = $1', [consumer]);
      for (const id of appended) await dataSource.query('DELETE FROM outbox WHERE id = $1', [id]);
    }
    await app?.close();
  });

  it('creates the outbox and inbox tables with their indexes in its first migration', async () => {
    const migrations = await dataSource.query<{ name: string }[]>('SELECT name FROM migrations');
    expect(migrations.map((m) => m.name)).toContain('MessagingTables1763700000000');
    const indexes = await dataSource.query<{ tableName: string; indexName: string }[]>(
      `SELECT tablename AS "tableName", indexname AS "indexName" FROM pg_indexes
       WHERE schemaname = current_schema() AND tablename IN ('outbox', 'inbox')`,
    );
    expect(indexes.map((i) => `${i.tableName}.${i.indexName}`).sort()).toEqual(
      [
        'inbox.inbox_pkey',
        'inbox.inbox_processed_idx',
        'outbox.outbox_pkey',
        'outbox.outbox_pending_idx',
        'outbox.outbox_published_idx',
      ].sort(),
    );
  });

  it(`publishes an event committed with a transaction to ${STREAM} once, with Nats-Msg-Id = its id`, async () => {
    const probe = await StreamProbe.open(app.get(NATS_CONNECTION), STREAM);
    const event = newEvent();

    await dataSource.transaction((tx) => app.get(SqlOutboxStore).append(tx, [event]));
    app.get(OutboxRelay).kick();

    await waitFor(
      () => outboxRows(event.id),
      (rows) => rows[0]?.published_at != null,
      { description: `outbox row ${event.id} marked published`, timeoutMs: 30_000 },
    );
    const copies = await probe.copiesOf(SUBJECT, event.id);
    expect(copies).toHaveLength(1);
    expect(copies[0]).toMatchObject({ msgId: event.id, payload: event.payload });
    expect(parseEnvelope(SUBJECT, copies[0].payload)).toMatchObject({ ok: true });
  });

  it('keeps no event appended in a transaction that rolls back', async () => {
    const event = newEvent();

    await expect(
      dataSource.transaction(async (tx) => {
        await app.get(SqlOutboxStore).append(tx, [event]);
        throw new Error('the state change failed');
      }),
    ).rejects.toThrow('the state change failed');

    expect(await outboxRows(event.id)).toEqual([]);
  });

  it("records a consumed event with the handler's transaction: not after a rollback, once after a commit", async () => {
    const inbox = app.get(SqlInbox);
    const eventId = randomUUID();

    await expect(
      dataSource.transaction(async (tx) => {
        await inbox.record(tx, consumer, eventId);
        throw new Error('the effect failed');
      }),
    ).rejects.toThrow('the effect failed');
    const delivery = await dataSource.transaction((tx) => inbox.record(tx, consumer, eventId));
    const redelivery = await dataSource.transaction((tx) => inbox.record(tx, consumer, eventId));

    expect([delivery, redelivery]).toEqual(['recorded', 'duplicate']);
  });
});

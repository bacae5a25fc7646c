import { Test } from '@nestjs/testing';
import { MetricsRegistry } from '@polyshop/observability';
import { InboxPurger } from '../inbox/inbox-purger';
import { SqlInbox } from '../inbox/sql-inbox';
import { EventPublisher } from '../publishing/event-publisher';
import type { OutgoingEvent, PublishOutcome } from '../publishing/outgoing-event';
import { OutboxRelay } from './outbox-relay';
import type { SqlDatabase, SqlExecutor } from './sql-executor';
import { sqlOutboxInbox } from './sql-outbox-inbox';
import { SqlOutboxStore } from './sql-outbox.store';

const DATABASE = 'DATABASE';

/**
 * Just enough of PostgreSQL for the statements this test triggers: outbox appends, claims and
 * marks, inbox records and both purges. Every statement is logged.
 */
class FakePostgres implements SqlDatabase {
  readonly statements: string[] = [];
  readonly published: string[] = [];
  private readonly outbox: { seq: number; id: string; subject: string; claimed: boolean }[] = [];
  private readonly inbox = new Set<string>();

  query(sql: string, parameters: unknown[] = []): Promise<unknown> {
    this.statements.push(sql);
    return Promise.resolve(this.run(sql, parameters));
  }

  transaction<T>(_level: 'READ COMMITTED', work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    return work(this);
  }

  private run(sql: string, parameters: unknown[]): unknown {
    if (sql.startsWith('INSERT INTO outbox')) {
      for (let i = 0; i < parameters.length; i += 4) {
        const [id, subject] = parameters.slice(i, i + 2) as string[];
        this.outbox.push({ seq: this.outbox.length + 1, id, subject, claimed: false });
      }
      return [];
    }
    if (sql.includes('FOR UPDATE SKIP LOCKED')) {
      const free = this.outbox.filter((row) => !row.claimed);
      for (const row of free) row.claimed = true;
      return free.map((row) => ({ ...row, payload: '{}', headers: '{}', attempts: 1, age_ms: 1 }));
    }
    if (sql.startsWith('UPDATE outbox SET published_at')) {
      const [seqs] = parameters as [string[]];
      this.published.push(...seqs.map((seq) => this.outbox[Number(seq) - 1].id));
      return [];
    }
    if (sql.startsWith('INSERT INTO inbox')) {
      const key = parameters.join('/');
      if (this.inbox.has(key)) return [];
      this.inbox.add(key);
      return [{ event_id: parameters[1] }];
    }
    if (sql.includes('DELETE FROM')) return [{ deleted: 0 }];
    throw new Error(`unexpected statement: ${sql}`);
  }
}

/** Polls `condition` until it holds or a deadline passes (the relay and purger run on timers). */
async function until(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition() && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  expect(condition()).toBe(true);
}

describe('sqlOutboxInbox', () => {
  const quiet = { log: jest.fn(), warn: jest.fn(), error: jest.fn() };
  const publisher = {
    publishBatch: jest.fn((events: readonly OutgoingEvent[]) =>
      Promise.resolve(
        events.map((e): PublishOutcome => ({ id: e.id, ok: true, duplicate: false, seq: 1 })),
      ),
    ),
  };

  const compile = async (database: FakePostgres) => {
    const { providers, exports } = sqlOutboxInbox({
      dialect: 'postgres',
      database: DATABASE,
      relay: { sweepIntervalMs: 10, logger: quiet },
      inboxPurger: { intervalMs: 10, logger: quiet },
    });
    const moduleRef = await Test.createTestingModule({
      providers: [
        ...providers,
        { provide: DATABASE, useValue: database },
        { provide: EventPublisher, useValue: publisher },
        { provide: MetricsRegistry, useValue: new MetricsRegistry('test-service') },
      ],
    }).compile();
    return { moduleRef, exports };
  };

  it('exports the outbox store, the inbox and the relay that business code injects', async () => {
    const { moduleRef, exports } = await compile(new FakePostgres());
    expect(exports).toEqual([SqlOutboxStore, SqlInbox, OutboxRelay]);
    expect(moduleRef.get(SqlOutboxStore)).toBeInstanceOf(SqlOutboxStore);
    expect(moduleRef.get(SqlInbox)).toBeInstanceOf(SqlInbox);
    expect(moduleRef.get(InboxPurger)).toBeInstanceOf(InboxPurger);
  });

  it('relays what is appended through the exported store, once started on bootstrap', async () => {
    const database = new FakePostgres();
    const { moduleRef } = await compile(database);
    await moduleRef.init();
    const event: OutgoingEvent = {
      id: 'e-1',
      subject: 'user.registered.v1',
      payload: '{}',
      headers: {},
    };

    await moduleRef.get(SqlOutboxStore).append(database, [event]);
    moduleRef.get(OutboxRelay).kick();

    await until(() => database.published.includes('e-1'));
    expect(publisher.publishBatch).toHaveBeenCalledWith([expect.objectContaining({ id: 'e-1' })]);
    await moduleRef.close();
  });

  it('records inbox entries with the dialect given and purges the inbox on its interval', async () => {
    const database = new FakePostgres();
    const { moduleRef } = await compile(database);
    await moduleRef.init();
    const inbox = moduleRef.get(SqlInbox);

    expect(await inbox.record(database, 'user-x-v1', 'e-1')).toBe('recorded');
    expect(await inbox.record(database, 'user-x-v1', 'e-1')).toBe('duplicate');
    await until(() => database.statements.some((sql) => sql.includes('DELETE FROM inbox')));
    await moduleRef.close();
  });

  it('stops the relay when the application shuts down', async () => {
    const database = new FakePostgres();
    const { moduleRef } = await compile(database);
    await moduleRef.init();
    await moduleRef.close();
    const seen = database.statements.length;

    // A running relay would claim synchronously on a kick.
    moduleRef.get(OutboxRelay).kick();
    expect(database.statements).toHaveLength(seen);
  });
});

import type { OutgoingEvent } from '../publishing/outgoing-event';
import type { AppendLease } from './outbox-relay.options';
import type { ClaimedEvent, OutboxBacklog, OutboxStore } from './outbox-store';
import {
  affectedRowsOf,
  assertSqlIdentifier,
  insertIdOf,
  rowsOf,
  type SqlDatabase,
  type SqlDialect,
  type SqlExecutor,
} from './sql-executor';
import { SqlOutboxStatements, type BacklogRow, type ClaimedRow } from './sql-outbox.statements';

export interface SqlOutboxStoreOptions {
  dialect: SqlDialect;
  /** The service's database handle (a TypeORM `DataSource`), used by the relay. */
  database: SqlDatabase;
  /** Defaults to `outbox`; the table `outboxSchema` created. */
  table?: string;
}

const rowValues = (event: OutgoingEvent) => ({
  id: event.id,
  subject: event.subject,
  payload: event.payload,
  headers: JSON.stringify(event.headers),
});

/** Rows per INSERT statement, well under PostgreSQL's 65,535 parameters. */
const APPEND_CHUNK = 1_000;
/** Rows per DELETE of a purge, so that a purge never holds long locks. */
const PURGE_CHUNK = 5_000;

/**
 * The outbox of a MariaDB/MySQL or PostgreSQL service. Producers `append` inside their own
 * transaction; the relay claims with `SELECT ... FOR UPDATE SKIP LOCKED`, so replicas never
 * wait on each other's rows nor take the same row.
 */
export class SqlOutboxStore implements OutboxStore {
  private readonly statements: SqlOutboxStatements;
  private readonly dialect: SqlDialect;
  private readonly database: SqlDatabase;

  constructor({ dialect, database, table = 'outbox' }: SqlOutboxStoreOptions) {
    this.dialect = dialect;
    this.database = database;
    this.statements = new SqlOutboxStatements(dialect, assertSqlIdentifier(table));
  }

  /**
   * Writes the events with `transaction`, the executor of the caller's open transaction (e.g.
   * the `EntityManager` of `dataSource.transaction`): they are stored if and only if it
   * commits. Kick the relay after the commit.
   */
  async append(transaction: SqlExecutor, events: readonly OutgoingEvent[]): Promise<void> {
    for (let start = 0; start < events.length; start += APPEND_CHUNK) {
      const { sql, parameters } = this.statements.append(
        events.slice(start, start + APPEND_CHUNK).map(rowValues),
      );
      await transaction.query(sql, parameters);
    }
  }

  /**
   * `append` for the relay's fast path: the entries are leased to `lease.owner` (the relay's
   * `appendLease`) so that no sweeper takes them, and come back as claimed events to hand to
   * `relay.publishCommitted` once the transaction has committed.
   */
  async appendLeased(
    transaction: SqlExecutor,
    events: readonly OutgoingEvent[],
    lease: AppendLease,
  ): Promise<ClaimedEvent[]> {
    const appendedAt = Date.now();
    const claimed: ClaimedEvent[] = [];
    for (let start = 0; start < events.length; start += APPEND_CHUNK) {
      const chunk = events.slice(start, start + APPEND_CHUNK);
      const { sql, parameters } = this.statements.appendLeased(
        chunk.map(rowValues),
        lease.owner,
        lease.leaseMs,
      );
      const result = await transaction.query(sql, parameters);
      const refs =
        this.dialect === 'mysql'
          ? chunk.map((_, i) => String(insertIdOf(result) + i))
          : this.refsById(chunk, rowsOf<{ id: string; seq: string }>(result));
      chunk.forEach((event, i) =>
        claimed.push({ ...event, ref: refs[i], attempts: 1, appendedAt }),
      );
    }
    return claimed;
  }

  /** The seqs PostgreSQL returned, in the order of `events`. */
  private refsById(events: readonly OutgoingEvent[], rows: readonly { id: string; seq: string }[]) {
    const seqs = new Map(rows.map((row) => [row.id, row.seq]));
    return events.map((event) => {
      const seq = seqs.get(event.id);
      if (seq === undefined) throw new Error(`outbox append returned no seq for ${event.id}`);
      return seq;
    });
  }

  async claim(limit: number, owner: string, leaseMs: number): Promise<ClaimedEvent[]> {
    const claimedAt = Date.now();
    const rows =
      this.dialect === 'postgres'
        ? await this.claimPostgres(limit, owner, leaseMs)
        : await this.claimMysql(limit, owner, leaseMs);
    return rows.map((row) => ({
      ref: String(row.seq),
      id: row.id,
      subject: row.subject,
      payload: row.payload,
      headers: JSON.parse(row.headers) as Record<string, string>,
      attempts: Number(row.attempts),
      appendedAt: claimedAt - Number(row.age_ms),
    }));
  }

  async markPublished(events: readonly ClaimedEvent[]): Promise<void> {
    if (events.length === 0) return;
    const { sql, parameters } = this.statements.markPublished(events.map((e) => e.ref));
    await this.database.query(sql, parameters);
  }

  async release(
    events: readonly ClaimedEvent[],
    owner: string,
    retryAfterMs: number,
  ): Promise<void> {
    if (events.length === 0) return;
    const refs = events.map((e) => e.ref);
    const { sql, parameters } = this.statements.release(refs, owner, retryAfterMs);
    await this.database.query(sql, parameters);
  }

  async purgePublished(retentionMs: number): Promise<number> {
    let total = 0;
    for (;;) {
      const { sql, parameters } = this.statements.purgePublished(retentionMs, PURGE_CHUNK);
      const result = await this.database.query(sql, parameters);
      const deleted =
        this.dialect === 'mysql'
          ? affectedRowsOf(result)
          : Number(rowsOf<{ deleted: number }>(result)[0]?.deleted ?? 0);
      total += deleted;
      if (deleted < PURGE_CHUNK) return total;
    }
  }

  async backlog(): Promise<OutboxBacklog> {
    const measuredAt = Date.now();
    const { sql, parameters } = this.statements.backlog();
    const [row] = rowsOf<BacklogRow>(await this.database.query(sql, parameters));
    return {
      count: Number(row?.count ?? 0),
      oldestAppendedAt:
        row?.oldest_age_ms === null || row?.oldest_age_ms === undefined
          ? null
          : measuredAt - Number(row.oldest_age_ms),
    };
  }

  private async claimPostgres(limit: number, owner: string, leaseMs: number) {
    const { sql, parameters } = this.statements.claimPostgres(limit, owner, leaseMs);
    return rowsOf<ClaimedRow>(await this.database.query(sql, parameters));
  }

  /** MySQL has no UPDATE ... RETURNING: lock and read, then lease, in one short transaction. */
  private claimMysql(limit: number, owner: string, leaseMs: number) {
    // READ COMMITTED takes no gap locks, so a claim never blocks the producers' appends.
    return this.database.transaction('READ COMMITTED', async (tx) => {
      const select = this.statements.claimSelectMysql(limit);
      const rows = rowsOf<ClaimedRow>(await tx.query(select.sql, select.parameters));
      if (rows.length > 0) {
        const seqs = rows.map((row) => String(row.seq));
        const update = this.statements.claimUpdateMysql(seqs, owner, leaseMs);
        await tx.query(update.sql, update.parameters);
      }
      return rows;
    });
  }
}

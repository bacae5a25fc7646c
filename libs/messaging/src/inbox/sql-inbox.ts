import {
  affectedRowsOf,
  assertSqlIdentifier,
  rowsOf,
  type SqlDialect,
  type SqlExecutor,
} from '../outbox/sql-executor';
import { assertInboxKey, noteInboxDuplicate, type InboxResult, type PurgeableInbox } from './inbox';
import { SqlInboxStatements } from './sql-inbox.statements';

export interface SqlInboxOptions {
  dialect: SqlDialect;
  /** The service's database handle (a TypeORM `DataSource`), used by the purge. */
  database: SqlExecutor;
  /** Defaults to `inbox`; the table `inboxSchema` created. */
  table?: string;
}

const PURGE_CHUNK = 5_000;

/**
 * The inbox of a MariaDB/MySQL or PostgreSQL service: which events each consumer has applied.
 * `record` runs in the handler's transaction, so the record commits with the effect or not at
 * all; a concurrent redelivery waits on the first one's row lock and then finds it.
 */
export class SqlInbox implements PurgeableInbox {
  private readonly statements: SqlInboxStatements;
  private readonly dialect: SqlDialect;
  private readonly database: SqlExecutor;

  constructor({ dialect, database, table = 'inbox' }: SqlInboxOptions) {
    this.dialect = dialect;
    this.database = database;
    this.statements = new SqlInboxStatements(dialect, assertSqlIdentifier(table));
  }

  /**
   * Records that `consumer` handles `eventId`, with `transaction`, the executor of the
   * handler's open transaction. `'duplicate'`: skip the effect and acknowledge.
   */
  async record(transaction: SqlExecutor, consumer: string, eventId: string): Promise<InboxResult> {
    assertInboxKey(consumer, eventId);
    const { sql, parameters } = this.statements.record(consumer, eventId);
    const result = await transaction.query(sql, parameters);
    const inserted =
      this.dialect === 'mysql' ? affectedRowsOf(result) === 1 : rowsOf(result).length === 1;
    if (inserted) return 'recorded';
    noteInboxDuplicate(`${consumer}/${eventId}`);
    return 'duplicate';
  }

  async purge(retentionMs: number): Promise<number> {
    let total = 0;
    for (;;) {
      const { sql, parameters } = this.statements.purge(retentionMs, PURGE_CHUNK);
      const result = await this.database.query(sql, parameters);
      const deleted =
        this.dialect === 'mysql'
          ? affectedRowsOf(result)
          : Number(rowsOf<{ deleted: number }>(result)[0]?.deleted ?? 0);
      total += deleted;
      if (deleted < PURGE_CHUNK) return total;
    }
  }
}

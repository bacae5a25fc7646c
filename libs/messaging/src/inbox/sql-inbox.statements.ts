import type { SqlDialect } from '../outbox/sql-executor';
import type { SqlStatement } from '../outbox/sql-outbox.statements';

/** The SQL text of the inbox, per dialect (pure, unit-tested). */
export class SqlInboxStatements {
  constructor(
    private readonly dialect: SqlDialect,
    private readonly table: string,
  ) {}

  /**
   * Inserts the (consumer, event id) pair unless present. MySQL reports it through the
   * affected row count, PostgreSQL through the returned row.
   */
  record(consumer: string, eventId: string): SqlStatement {
    return this.dialect === 'mysql'
      ? {
          sql:
            `INSERT IGNORE INTO ${this.table} (consumer, event_id, processed_at) ` +
            `VALUES (?, ?, UTC_TIMESTAMP(3))`,
          parameters: [consumer, eventId],
        }
      : {
          sql:
            `INSERT INTO ${this.table} (consumer, event_id) VALUES ($1, $2) ` +
            `ON CONFLICT DO NOTHING RETURNING event_id`,
          parameters: [consumer, eventId],
        };
  }

  /** Deletes at most `limit` records older than `retentionMs`. */
  purge(retentionMs: number, limit: number): SqlStatement {
    if (this.dialect === 'mysql') {
      return {
        sql:
          `DELETE FROM ${this.table} ` +
          `WHERE processed_at < UTC_TIMESTAMP(3) - INTERVAL ? MICROSECOND LIMIT ?`,
        parameters: [retentionMs * 1000, limit],
      };
    }
    return {
      sql: `WITH doomed AS (
  SELECT consumer, event_id FROM ${this.table}
  WHERE processed_at < now() - $1::bigint * interval '1 millisecond' LIMIT $2
), gone AS (
  DELETE FROM ${this.table} AS i USING doomed
  WHERE i.consumer = doomed.consumer AND i.event_id = doomed.event_id RETURNING 1
)
SELECT count(*)::int AS deleted FROM gone`,
      parameters: [retentionMs, limit],
    };
  }
}

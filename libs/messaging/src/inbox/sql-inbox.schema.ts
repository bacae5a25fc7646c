import { assertSqlIdentifier, type SqlDialect } from '../outbox/sql-executor';
import type { SqlSchema } from '../outbox/sql-schema';

/**
 * The inbox table, for a service's TypeORM migration (one row per consumer and event id; the
 * primary key is what makes a redelivery a no-op). Indexed by time for the purge.
 */
export function inboxSchema(dialect: SqlDialect, table = 'inbox'): SqlSchema {
  const t = assertSqlIdentifier(table);
  if (dialect === 'mysql') {
    return {
      up: [
        `CREATE TABLE ${t} (
  consumer VARCHAR(128) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  event_id VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  processed_at DATETIME(3) NOT NULL,
  PRIMARY KEY (consumer, event_id),
  KEY ${t}_processed_idx (processed_at)
) ENGINE=InnoDB`,
      ],
      down: [`DROP TABLE ${t}`],
    };
  }
  return {
    up: [
      `CREATE TABLE ${t} (
  consumer varchar(128) NOT NULL,
  event_id varchar(64) NOT NULL,
  processed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (consumer, event_id)
)`,
      `CREATE INDEX ${t}_processed_idx ON ${t} (processed_at)`,
    ],
    down: [`DROP TABLE ${t}`],
  };
}

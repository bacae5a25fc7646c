import { assertSqlIdentifier, type SqlDialect } from './sql-executor';
import type { SqlSchema } from './sql-schema';

/**
 * The outbox table, for a service's TypeORM migration:
 * `for (const sql of outboxSchema('postgres').up) await queryRunner.query(sql)`.
 *
 * Rows are keyed by an increasing `seq` (appends go to the end of the primary key, which keeps
 * InnoDB inserts cheap; the event id is a plain column). One index serves both the claim
 * (unpublished rows in `seq` order) and the purge (published rows by age): partial indexes on
 * PostgreSQL, `(published_at, seq)` on MySQL, where unpublished rows are the NULL prefix.
 */
export function outboxSchema(dialect: SqlDialect, table = 'outbox'): SqlSchema {
  const t = assertSqlIdentifier(table);
  if (dialect === 'mysql') {
    return {
      up: [
        `CREATE TABLE ${t} (
  seq BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  id VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  subject VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  payload MEDIUMTEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  headers TEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  created_at DATETIME(3) NOT NULL,
  attempts INT UNSIGNED NOT NULL DEFAULT 0,
  claimed_by VARCHAR(128) CHARACTER SET ascii COLLATE ascii_bin NULL,
  claimed_until DATETIME(3) NULL,
  published_at DATETIME(3) NULL,
  PRIMARY KEY (seq),
  KEY ${t}_state_idx (published_at, seq)
) ENGINE=InnoDB`,
      ],
      down: [`DROP TABLE ${t}`],
    };
  }
  return {
    up: [
      `CREATE TABLE ${t} (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  id varchar(64) NOT NULL,
  subject varchar(255) NOT NULL,
  payload text NOT NULL,
  headers text NOT NULL,
  created_at timestamptz NOT NULL,
  attempts integer NOT NULL DEFAULT 0,
  claimed_by varchar(128),
  claimed_until timestamptz,
  published_at timestamptz
)`,
      `CREATE INDEX ${t}_pending_idx ON ${t} (seq) WHERE published_at IS NULL`,
      `CREATE INDEX ${t}_published_idx ON ${t} (published_at) WHERE published_at IS NOT NULL`,
    ],
    down: [`DROP TABLE ${t}`],
  };
}

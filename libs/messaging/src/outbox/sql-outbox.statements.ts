import type { SqlDialect } from './sql-executor';

/** A statement and its positional parameters. */
export interface SqlStatement {
  readonly sql: string;
  readonly parameters: unknown[];
}

/** Columns `claim` returns, whatever the dialect. */
export interface ClaimedRow {
  seq: string | number;
  id: string;
  subject: string;
  payload: string;
  headers: string;
  attempts: string | number;
  age_ms: string | number;
}

/** Columns `backlog` returns. */
export interface BacklogRow {
  count: string | number;
  /** `null` when nothing is unpublished. */
  oldest_age_ms: string | number | null;
}

/** The row an `append` writes. */
export interface OutboxRowValues {
  readonly id: string;
  readonly subject: string;
  readonly payload: string;
  readonly headers: string;
}

const placeholders = (dialect: SqlDialect, count: number, offset = 0): string[] =>
  Array.from({ length: count }, (_, i) => (dialect === 'mysql' ? '?' : `$${offset + i + 1}`));

/**
 * The SQL text of the outbox, per dialect. Pure: it builds statements and never runs them,
 * so each dialect's text is unit-tested and the store only sequences them.
 */
export class SqlOutboxStatements {
  constructor(
    private readonly dialect: SqlDialect,
    private readonly table: string,
  ) {}

  /** One multi-row INSERT; `created_at` is the database's clock. */
  append(rows: readonly OutboxRowValues[]): SqlStatement {
    const now = this.dialect === 'mysql' ? 'UTC_TIMESTAMP(3)' : 'now()';
    const values = rows.map((_, i) => {
      const [id, subject, payload, headers] = placeholders(this.dialect, 4, i * 4);
      return `(${id}, ${subject}, ${payload}, ${headers}, ${now})`;
    });
    return {
      sql:
        `INSERT INTO ${this.table} (id, subject, payload, headers, created_at) VALUES ` +
        values.join(', '),
      parameters: rows.flatMap((row) => [row.id, row.subject, row.payload, row.headers]),
    };
  }

  /**
   * One multi-row INSERT of entries leased to `owner` for `leaseMs` and counted as claimed
   * once. PostgreSQL returns each one's `id` and `seq`; MySQL has no RETURNING, and the
   * store reads the seqs off the insert id instead (a multi-row INSERT ... VALUES gets
   * consecutive AUTO_INCREMENT values in every InnoDB lock mode).
   */
  appendLeased(rows: readonly OutboxRowValues[], owner: string, leaseMs: number): SqlStatement {
    const columns =
      '(id, subject, payload, headers, created_at, attempts, claimed_by, claimed_until)';
    if (this.dialect === 'mysql') {
      const now = 'UTC_TIMESTAMP(3)';
      const row = `(?, ?, ?, ?, ${now}, 1, ?, ${now} + INTERVAL ? MICROSECOND)`;
      return {
        sql: `INSERT INTO ${this.table} ${columns} VALUES ${rows.map(() => row).join(', ')}`,
        parameters: rows.flatMap((r) => [
          r.id,
          r.subject,
          r.payload,
          r.headers,
          owner,
          leaseMs * 1000,
        ]),
      };
    }
    const values = rows.map((_, i) => {
      const [id, subject, payload, headers] = placeholders(this.dialect, 4, 2 + i * 4);
      return `(${id}, ${subject}, ${payload}, ${headers}, now(), 1, $1, now() + $2::int * interval '1 millisecond')`;
    });
    return {
      sql: `INSERT INTO ${this.table} ${columns} VALUES ${values.join(', ')} RETURNING id, seq::text AS seq`,
      parameters: [owner, leaseMs, ...rows.flatMap((r) => [r.id, r.subject, r.payload, r.headers])],
    };
  }

  /**
   * PostgreSQL claims in one statement: lock the oldest free rows, skipping rows another
   * replica holds locked, lease them and return them.
   */
  claimPostgres(limit: number, owner: string, leaseMs: number): SqlStatement {
    return {
      sql: `WITH picked AS (
  SELECT seq FROM ${this.table}
  WHERE published_at IS NULL AND (claimed_until IS NULL OR claimed_until <= now())
  ORDER BY seq LIMIT $1
  FOR UPDATE SKIP LOCKED
), claimed AS (
  UPDATE ${this.table} AS o
  SET claimed_by = $2, claimed_until = now() + $3::int * interval '1 millisecond', attempts = o.attempts + 1
  FROM picked WHERE o.seq = picked.seq
  RETURNING o.seq, o.id, o.subject, o.payload, o.headers, o.attempts, o.created_at
)
SELECT seq::text AS seq, id, subject, payload, headers, attempts,
  (extract(epoch FROM clock_timestamp() - created_at) * 1000)::float8 AS age_ms
FROM claimed ORDER BY claimed.seq`,
      parameters: [limit, owner, leaseMs],
    };
  }

  /** MySQL step 1 of a claim (in a READ COMMITTED transaction): lock the oldest free rows. */
  claimSelectMysql(limit: number): SqlStatement {
    return {
      sql: `SELECT seq, id, subject, payload, headers, attempts + 1 AS attempts,
  TIMESTAMPDIFF(MICROSECOND, created_at, UTC_TIMESTAMP(6)) DIV 1000 AS age_ms
FROM ${this.table}
WHERE published_at IS NULL AND (claimed_until IS NULL OR claimed_until <= UTC_TIMESTAMP(3))
ORDER BY seq LIMIT ?
FOR UPDATE SKIP LOCKED`,
      parameters: [limit],
    };
  }

  /** MySQL step 2 of a claim, in the same transaction: lease the locked rows. */
  claimUpdateMysql(seqs: readonly string[], owner: string, leaseMs: number): SqlStatement {
    return {
      sql:
        `UPDATE ${this.table} SET claimed_by = ?, ` +
        `claimed_until = UTC_TIMESTAMP(3) + INTERVAL ? MICROSECOND, attempts = attempts + 1 ` +
        `WHERE seq IN (${placeholders('mysql', seqs.length).join(', ')})`,
      parameters: [owner, leaseMs * 1000, ...seqs],
    };
  }

  markPublished(seqs: readonly string[]): SqlStatement {
    const now = this.dialect === 'mysql' ? 'UTC_TIMESTAMP(3)' : 'now()';
    return {
      sql:
        `UPDATE ${this.table} SET published_at = ${now}, claimed_by = NULL, claimed_until = NULL ` +
        `WHERE ${this.seqIn(seqs)}`,
      parameters: this.seqParameters(seqs),
    };
  }

  /** Frees rows still leased to `owner` once `retryAfterMs` has passed. */
  release(seqs: readonly string[], owner: string, retryAfterMs: number): SqlStatement {
    if (this.dialect === 'mysql') {
      return {
        sql:
          `UPDATE ${this.table} SET claimed_by = NULL, ` +
          `claimed_until = UTC_TIMESTAMP(3) + INTERVAL ? MICROSECOND ` +
          `WHERE ${this.seqIn(seqs)} AND claimed_by = ? AND published_at IS NULL`,
        parameters: [retryAfterMs * 1000, ...seqs, owner],
      };
    }
    return {
      sql:
        `UPDATE ${this.table} SET claimed_by = NULL, ` +
        `claimed_until = now() + $2::int * interval '1 millisecond' ` +
        `WHERE seq = ANY($1::bigint[]) AND claimed_by = $3 AND published_at IS NULL`,
      parameters: [seqs, retryAfterMs, owner],
    };
  }

  /** Deletes at most `limit` rows published more than `retentionMs` ago, oldest first. */
  purgePublished(retentionMs: number, limit: number): SqlStatement {
    if (this.dialect === 'mysql') {
      return {
        sql:
          `DELETE FROM ${this.table} ` +
          `WHERE published_at < UTC_TIMESTAMP(3) - INTERVAL ? MICROSECOND ` +
          `ORDER BY published_at LIMIT ?`,
        parameters: [retentionMs * 1000, limit],
      };
    }
    return {
      sql: `WITH doomed AS (
  SELECT seq FROM ${this.table}
  WHERE published_at < now() - $1::bigint * interval '1 millisecond'
  ORDER BY published_at LIMIT $2
), gone AS (
  DELETE FROM ${this.table} AS o USING doomed WHERE o.seq = doomed.seq RETURNING 1
)
SELECT count(*)::int AS deleted FROM gone`,
      parameters: [retentionMs, limit],
    };
  }

  /**
   * How many rows are unpublished and the age of the oldest (by `seq`, on the claim's index),
   * on the database's clock as `claim` measures it.
   */
  backlog(): SqlStatement {
    const unpublished = `FROM ${this.table} WHERE published_at IS NULL`;
    if (this.dialect === 'mysql') {
      return {
        sql: `SELECT (SELECT COUNT(*) ${unpublished}) AS count,
  (SELECT TIMESTAMPDIFF(MICROSECOND, created_at, UTC_TIMESTAMP(6)) DIV 1000
   ${unpublished} ORDER BY seq LIMIT 1) AS oldest_age_ms`,
        parameters: [],
      };
    }
    return {
      sql: `SELECT (SELECT count(*) ${unpublished})::int AS count,
  (SELECT (extract(epoch FROM clock_timestamp() - created_at) * 1000)::float8
   ${unpublished} ORDER BY seq LIMIT 1) AS oldest_age_ms`,
      parameters: [],
    };
  }

  private seqIn(seqs: readonly string[]): string {
    return this.dialect === 'mysql'
      ? `seq IN (${placeholders('mysql', seqs.length).join(', ')})`
      : 'seq = ANY($1::bigint[])';
  }

  private seqParameters(seqs: readonly string[]): unknown[] {
    return this.dialect === 'mysql' ? [...seqs] : [seqs];
  }
}

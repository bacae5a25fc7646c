/** The SQL flavours the outbox and inbox speak: MariaDB/MySQL and PostgreSQL. */
export type SqlDialect = 'mysql' | 'postgres';

/**
 * Runs one SQL statement with positional parameters (`?` for MySQL, `$1` for PostgreSQL).
 * A TypeORM `DataSource`, `EntityManager` or `QueryRunner` satisfies it, so a service passes
 * the transaction's `EntityManager` to write the outbox row and the inbox row in that
 * transaction.
 */
export interface SqlExecutor {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

/**
 * Opens a transaction at READ COMMITTED and hands its executor to `work`; commits when `work`
 * resolves, rolls back when it rejects. A TypeORM `DataSource` satisfies it.
 */
export interface SqlTransactionRunner {
  transaction<T>(
    isolationLevel: 'READ COMMITTED',
    work: (executor: SqlExecutor) => Promise<T>,
  ): Promise<T>;
}

/** A database handle that runs single statements and opens transactions (a `DataSource`). */
export type SqlDatabase = SqlExecutor & SqlTransactionRunner;

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,47}$/;

/** Guards table names that end up in SQL text: lower-case identifiers only. */
export function assertSqlIdentifier(name: string): string {
  if (!IDENTIFIER.test(name)) throw new Error(`invalid SQL table name: ${JSON.stringify(name)}`);
  return name;
}

/**
 * The rows of a statement's result as the drivers hand them over: TypeORM gives an array (or
 * `[rows, count]` for a PostgreSQL UPDATE/DELETE), the bare `pg` client a `{ rows }` object.
 */
export function rowsOf<Row>(result: unknown): Row[] {
  if (Array.isArray(result)) {
    if (result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') {
      return result[0] as Row[];
    }
    return result as Row[];
  }
  if (isObject(result) && Array.isArray(result.rows)) return result.rows as Row[];
  throw new Error('unexpected SQL result: no rows');
}

/** The first AUTO_INCREMENT value a MySQL INSERT generated (`insertId` of its result). */
export function insertIdOf(result: unknown): number {
  if (isObject(result) && typeof result.insertId === 'number') return result.insertId;
  throw new Error('unexpected SQL result: no insert id');
}

/** Rows changed by an INSERT/UPDATE/DELETE on MySQL (`affectedRows`) or PostgreSQL (`rowCount`). */
export function affectedRowsOf(result: unknown): number {
  if (isObject(result)) {
    if (typeof result.affectedRows === 'number') return result.affectedRows;
    if (typeof result.rowCount === 'number') return result.rowCount;
  }
  if (Array.isArray(result) && result.length === 2 && typeof result[1] === 'number') {
    return result[1];
  }
  throw new Error('unexpected SQL result: no affected row count');
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

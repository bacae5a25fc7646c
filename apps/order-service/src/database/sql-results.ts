/** Rows an INSERT/UPDATE/DELETE changed, from the raw MySQL result `EntityManager.query` gives. */
export function affectedRows(result: unknown): number {
  const value = (result as { affectedRows?: unknown } | null)?.affectedRows;
  if (typeof value !== 'number') throw new Error('unexpected SQL result: no affectedRows');
  return value;
}

/** True for MySQL/MariaDB's duplicate key error (`ER_DUP_ENTRY`), however TypeORM wrapped it. */
export function isDuplicateKeyError(error: unknown): boolean {
  const driverError = (error as { driverError?: unknown } | null)?.driverError ?? error;
  return (driverError as { code?: unknown } | null)?.code === 'ER_DUP_ENTRY';
}

/** MySQL/MariaDB's clock, in UTC with milliseconds: every stored time is the database's. */
export const NOW = 'UTC_TIMESTAMP(3)';

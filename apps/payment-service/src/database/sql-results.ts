/**
 * The rows of an `UPDATE`/`DELETE ... RETURNING` run through TypeORM's `query()` on
 * PostgreSQL, which answers `[rows, rowCount]` for those commands (and plain rows otherwise).
 */
export function returnedRows<Row>(result: unknown): Row[] {
  if (Array.isArray(result) && result.length === 2 && typeof result[1] === 'number') {
    return result[0] as Row[];
  }
  if (Array.isArray(result)) return result as Row[];
  throw new Error('unexpected PostgreSQL result: no rows');
}

import type { QueryResult, QueryResultRow } from 'pg';

/** What the DocumentDB calls need from a connection: the pool, a leased or a transaction client. */
export interface Queryable {
  query<R extends QueryResultRow = QueryResultRow>(
    text: string,
    values?: unknown[],
  ): Promise<QueryResult<R>>;
}

import type { Pool, PoolClient, QueryResult, QueryResultRow } from 'pg';
import { isConnectionFailure } from '../errors/map-engine-error';
import type { Logger } from '../logging/logger';
import type { Queryable } from './queryable';

/**
 * A pool client checked out for longer than one statement (a transaction, a cursor that lives
 * on its connection). pg emits connection errors on checked-out clients as events, which would
 * crash the process without a listener; a broken client is destroyed instead of reused.
 */
export class LeasedClient implements Queryable {
  private broken = false;
  private released = false;
  private readonly onError = (error: Error): void => {
    this.broken = true;
    this.logger.warn('documentdb connection lost', { error });
  };

  private constructor(
    private readonly client: PoolClient,
    private readonly logger: Logger,
  ) {
    client.on('error', this.onError);
  }

  static async acquire(pool: Pool, logger: Logger): Promise<LeasedClient> {
    return new LeasedClient(await pool.connect(), logger);
  }

  get isReleased(): boolean {
    return this.released;
  }

  async query<R extends QueryResultRow = QueryResultRow>(
    text: string,
    values?: unknown[],
  ): Promise<QueryResult<R>> {
    try {
      return await this.client.query<R>(text, values);
    } catch (error) {
      if (isConnectionFailure(error)) this.broken = true;
      throw error;
    }
  }

  release(destroy = false): void {
    if (this.released) return;
    this.released = true;
    this.client.removeListener('error', this.onError);
    this.client.release(destroy || this.broken);
  }
}

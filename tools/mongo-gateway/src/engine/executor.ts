import type { Pool } from 'pg';
import type { Logger } from '../logging/logger';
import type { Transaction } from '../sessions/transaction';
import type { CursorPage } from './documentdb-api';
import { LeasedClient } from './leased-client';
import type { Queryable } from './queryable';

/** Where a cursor's getMore has to run. */
export type CursorHome =
  /** The continuation token is self-contained: any connection will do. */
  | { readonly kind: 'any' }
  /** DocumentDB keeps the cursor in a portal of this connection, leased for the cursor. */
  | { readonly kind: 'leased'; readonly client: LeasedClient }
  /** The portal lives in a transaction's connection. */
  | { readonly kind: 'transaction'; readonly transaction: Transaction };

export interface OpenedCursor {
  readonly page: CursorPage;
  readonly home: CursorHome;
}

/** Runs a command's statements either autocommit on the pool or inside a transaction. */
export interface Executor {
  readonly transaction: Transaction | undefined;
  run<T>(work: (db: Queryable) => Promise<T>): Promise<T>;
  openCursor(work: (db: Queryable) => Promise<CursorPage>): Promise<OpenedCursor>;
}

const ANYWHERE: CursorHome = { kind: 'any' };

const livesOnConnection = (page: CursorPage): boolean => page.persistent && !page.cursorId.isZero();

export class PoolExecutor implements Executor {
  readonly transaction = undefined;
  private readonly queryable: Queryable;

  constructor(
    private readonly pool: Pool,
    private readonly logger: Logger,
  ) {
    this.queryable = { query: (text, values) => pool.query(text, values) };
  }

  run<T>(work: (db: Queryable) => Promise<T>): Promise<T> {
    return work(this.queryable);
  }

  async openCursor(work: (db: Queryable) => Promise<CursorPage>): Promise<OpenedCursor> {
    // Leased up front: only the first page tells whether the cursor stays on its connection.
    const client = await LeasedClient.acquire(this.pool, this.logger);
    try {
      const page = await work(client);
      if (livesOnConnection(page)) return { page, home: { kind: 'leased', client } };
      client.release();
      return { page, home: ANYWHERE };
    } catch (error) {
      client.release();
      throw error;
    }
  }
}

export class TransactionExecutor implements Executor {
  constructor(readonly transaction: Transaction) {}

  run<T>(work: (db: Queryable) => Promise<T>): Promise<T> {
    return this.transaction.run(work);
  }

  async openCursor(work: (db: Queryable) => Promise<CursorPage>): Promise<OpenedCursor> {
    const page = await this.transaction.run(work);
    if (!livesOnConnection(page)) return { page, home: ANYWHERE };
    this.transaction.notePersistentCursor();
    return { page, home: { kind: 'transaction', transaction: this.transaction } };
  }
}

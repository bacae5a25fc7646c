import type { Long } from 'bson';
import type { Pool } from 'pg';
import { LeasedClient } from '../engine/leased-client';
import type { Queryable } from '../engine/queryable';
import { MongoCommandError, TRANSIENT_TRANSACTION_ERROR } from '../errors/mongo-error';
import type { Logger } from '../logging/logger';

export type TransactionState = 'active' | 'committed' | 'aborted';

export interface TransactionOptions {
  /** An open transaction with no command for this long is rolled back. */
  readonly idleTimeoutMs: number;
  readonly logger: Logger;
}

/**
 * One multi-document transaction: a PostgreSQL transaction on a connection pinned to it from
 * the first command to commit or abort. REPEATABLE READ gives MongoDB's snapshot semantics:
 * every read sees the snapshot taken at the first statement, and a write to a document changed
 * by a concurrent committed transaction fails with a WriteConflict the driver retries.
 */
export class Transaction {
  private currentState: TransactionState = 'active';
  private abortReason = '';
  private busy = 0;
  private hasPersistentCursors = false;
  private finishedAt: number | undefined;
  private readonly idleTimer: NodeJS.Timeout;

  private constructor(
    readonly sessionId: string,
    readonly txnNumber: Long,
    private readonly client: LeasedClient,
    private readonly options: TransactionOptions,
  ) {
    this.idleTimer = setTimeout(() => this.onIdle(), options.idleTimeoutMs);
    this.idleTimer.unref();
  }

  static async begin(
    pool: Pool,
    sessionId: string,
    txnNumber: Long,
    options: TransactionOptions,
  ): Promise<Transaction> {
    const client = await LeasedClient.acquire(pool, options.logger);
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ');
    } catch (error) {
      client.release(true);
      throw error;
    }
    return new Transaction(sessionId, txnNumber, client, options);
  }

  get state(): TransactionState {
    return this.currentState;
  }

  /** When the transaction committed or aborted, for forgetting it later. */
  get endedAt(): number | undefined {
    return this.finishedAt;
  }

  assertActive(): void {
    if (this.currentState === 'active') return;
    if (this.currentState === 'committed') {
      throw MongoCommandError.of(
        'TransactionCommitted',
        `Transaction with { txnNumber: ${this.txnNumber.toString()} } has been committed.`,
      );
    }
    throw MongoCommandError.of(
      'NoSuchTransaction',
      `Transaction with { txnNumber: ${this.txnNumber.toString()} } has been aborted (${this.abortReason}).`,
      [TRANSIENT_TRANSACTION_ERROR],
    );
  }

  async run<T>(work: (db: Queryable) => Promise<T>): Promise<T> {
    this.assertActive();
    this.busy++;
    try {
      return await work(this.client);
    } finally {
      this.busy--;
      this.idleTimer.refresh();
    }
  }

  /** A cursor holds a portal on this connection; it has to be closed before reuse. */
  notePersistentCursor(): void {
    this.hasPersistentCursors = true;
  }

  async commit(): Promise<void> {
    if (this.currentState === 'committed') return;
    this.assertActive();
    this.currentState = 'committed';
    try {
      // COMMIT of a transaction that already failed silently rolls back instead.
      const result = await this.client.query('COMMIT');
      if (result.command !== 'COMMIT') {
        this.markAborted('an earlier statement failed');
        this.assertActive();
      }
    } catch (error) {
      this.markAborted('commit failed');
      throw error;
    } finally {
      await this.finish();
    }
  }

  async abort(reason: string): Promise<void> {
    if (this.currentState !== 'active') return;
    this.markAborted(reason);
    try {
      await this.client.query('ROLLBACK');
    } catch (error) {
      this.options.logger.warn('transaction rollback failed', { error, sessionId: this.sessionId });
      this.client.release(true);
    } finally {
      await this.finish();
    }
  }

  private markAborted(reason: string): void {
    this.currentState = 'aborted';
    this.abortReason = reason;
  }

  private async finish(): Promise<void> {
    clearTimeout(this.idleTimer);
    this.finishedAt = Date.now();
    if (this.client.isReleased) return;
    if (this.hasPersistentCursors && this.currentState === 'committed') {
      try {
        await this.client.query('CLOSE ALL');
      } catch {
        this.client.release(true);
        return;
      }
    }
    this.client.release();
  }

  private onIdle(): void {
    if (this.busy > 0) {
      this.idleTimer.refresh();
      return;
    }
    this.options.logger.info('transaction aborted after idle timeout', {
      sessionId: this.sessionId,
      txnNumber: this.txnNumber.toString(),
      idleTimeoutMs: this.options.idleTimeoutMs,
    });
    void this.abort(`idle for more than ${this.options.idleTimeoutMs} ms`);
  }
}

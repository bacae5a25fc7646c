import type { Long } from 'bson';
import type { Pool } from 'pg';
import { MongoCommandError, TRANSIENT_TRANSACTION_ERROR } from '../errors/mongo-error';
import type { Logger } from '../logging/logger';
import type { SessionFields } from './session-fields';
import { Transaction } from './transaction';

/** How one command runs: on its own (possibly as a retryable write) or inside a transaction. */
export type ExecutionScope =
  | { readonly kind: 'autocommit'; readonly retryId?: string }
  | { readonly kind: 'transaction'; readonly transaction: Transaction };

export interface SessionRegistryOptions {
  readonly transactionTimeoutMs: number;
  /** How long the outcome of a finished transaction is kept for a retried commit. */
  readonly finishedRetentionMs: number;
  readonly logger: Logger;
}

const AUTOCOMMIT: ExecutionScope = { kind: 'autocommit' };

/**
 * The latest transaction of every logical session. Sessions outlive connections (a driver
 * may send each command of a transaction on a different pooled connection), so they are
 * keyed by `lsid`, never by socket.
 */
export class SessionRegistry {
  private readonly transactions = new Map<string, Transaction>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(
    private readonly pool: Pool,
    private readonly options: SessionRegistryOptions,
  ) {
    this.sweeper = setInterval(
      () => this.forgetFinished(),
      Math.min(options.finishedRetentionMs, 60_000),
    );
    this.sweeper.unref();
  }

  get openTransactionCount(): number {
    let open = 0;
    for (const transaction of this.transactions.values())
      if (transaction.state === 'active') open++;
    return open;
  }

  async scopeFor(fields: SessionFields): Promise<ExecutionScope> {
    const { sessionId, txnNumber } = fields;
    if (sessionId === undefined || txnNumber === undefined) return AUTOCOMMIT;
    const current = this.transactions.get(sessionId);
    if (fields.autocommit === false) {
      const transaction = fields.startTransaction
        ? await this.begin(sessionId, txnNumber, current)
        : this.inProgress(txnNumber, current);
      return { kind: 'transaction', transaction };
    }
    // A retryable write; a newer txnNumber ends whatever transaction the session had open.
    if (current?.txnNumber.lessThan(txnNumber))
      await current.abort('superseded by a newer txnNumber');
    return { kind: 'autocommit', retryId: `${sessionId}:${txnNumber.toString()}` };
  }

  async commit(fields: SessionFields): Promise<void> {
    await this.finishing(fields).commit();
  }

  async abort(fields: SessionFields): Promise<void> {
    const transaction = this.finishing(fields);
    if (transaction.state === 'committed') transaction.assertActive();
    await transaction.abort('aborted by the client');
  }

  async endSessions(sessionIds: Iterable<string>): Promise<void> {
    for (const sessionId of sessionIds) {
      const transaction = this.transactions.get(sessionId);
      this.transactions.delete(sessionId);
      await transaction?.abort('session ended');
    }
  }

  /** Rolls back every open transaction (shutdown, killAllSessions). */
  async abortAll(reason: string): Promise<void> {
    await Promise.all(
      [...this.transactions.values()].map((transaction) => transaction.abort(reason)),
    );
  }

  async shutdown(): Promise<void> {
    clearInterval(this.sweeper);
    await this.abortAll('gateway shutting down');
    this.transactions.clear();
  }

  private async begin(
    sessionId: string,
    txnNumber: Long,
    current: Transaction | undefined,
  ): Promise<Transaction> {
    if (current && !current.txnNumber.lessThan(txnNumber)) {
      throw current.txnNumber.equals(txnNumber)
        ? MongoCommandError.of(
            'ConflictingOperationInProgress',
            `transaction ${txnNumber.toString()} has already been started on this session`,
          )
        : MongoCommandError.of(
            'TransactionTooOld',
            `Cannot start transaction ${txnNumber.toString()} on session because a newer transaction ${current.txnNumber.toString()} has already started`,
          );
    }
    await current?.abort('superseded by a newer transaction');
    const transaction = await Transaction.begin(this.pool, sessionId, txnNumber, {
      idleTimeoutMs: this.options.transactionTimeoutMs,
      logger: this.options.logger,
    });
    this.transactions.set(sessionId, transaction);
    return transaction;
  }

  private inProgress(txnNumber: Long, current: Transaction | undefined): Transaction {
    if (!current?.txnNumber.equals(txnNumber)) throw noSuchTransaction(txnNumber);
    current.assertActive();
    return current;
  }

  private finishing(fields: SessionFields): Transaction {
    const { sessionId, txnNumber } = fields;
    if (sessionId === undefined || txnNumber === undefined) {
      throw MongoCommandError.of(
        'InvalidOptions',
        'transaction commands require lsid and txnNumber',
      );
    }
    const transaction = this.transactions.get(sessionId);
    if (!transaction?.txnNumber.equals(txnNumber)) throw noSuchTransaction(txnNumber);
    return transaction;
  }

  private forgetFinished(): void {
    const cutoff = Date.now() - this.options.finishedRetentionMs;
    for (const [sessionId, transaction] of this.transactions) {
      const endedAt = transaction.endedAt;
      if (endedAt !== undefined && endedAt < cutoff) this.transactions.delete(sessionId);
    }
  }
}

function noSuchTransaction(txnNumber: Long): MongoCommandError {
  return MongoCommandError.of(
    'NoSuchTransaction',
    `Given transaction number ${txnNumber.toString()} does not match any in-progress transactions.`,
    [TRANSIENT_TRANSACTION_ERROR],
  );
}

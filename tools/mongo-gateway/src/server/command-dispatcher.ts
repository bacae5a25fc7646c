import type { Document } from 'bson';
import { DatabaseError, type Pool } from 'pg';
import { encodeDocument } from '../bson/bson-values';
import {
  RawReply,
  type CommandHandler,
  type CommandReply,
  type CommandRequest,
  type ConnectionInfo,
  type GatewayInfo,
} from '../commands/command-context';
import { TRANSACTION_CONTROL_COMMANDS } from '../commands/session.commands';
import { DOCUMENT_SEQUENCE_FIELDS } from '../commands/write.commands';
import type { CursorRegistry } from '../cursors/cursor-registry';
import { indexNameById } from '../engine/documentdb-api';
import { PoolExecutor, TransactionExecutor, type Executor } from '../engine/executor';
import type { Queryable } from '../engine/queryable';
import { indexIdFromConstraint } from '../errors/duplicate-key';
import { mapEngineError } from '../errors/map-engine-error';
import { ErrorCode, MongoCommandError, TRANSIENT_TRANSACTION_ERROR } from '../errors/mongo-error';
import { hasWriteErrors } from '../errors/write-errors';
import type { Logger } from '../logging/logger';
import { readSessionFields } from '../sessions/session-fields';
import type { ExecutionScope, SessionRegistry } from '../sessions/session-registry';

export interface DispatcherDependencies {
  readonly handlers: ReadonlyMap<string, CommandHandler>;
  readonly pool: Pool;
  readonly sessions: SessionRegistry;
  readonly cursors: CursorRegistry;
  readonly gateway: GatewayInfo;
  readonly logger: Logger;
}

// Inside a transaction these failures can succeed on a retry of the whole transaction.
const TRANSIENT_IN_TRANSACTION: ReadonlySet<number> = new Set([
  ErrorCode.WriteConflict,
  ErrorCode.NoSuchTransaction,
  ErrorCode.HostUnreachable,
  ErrorCode.LockTimeout,
  ErrorCode.SnapshotUnavailable,
]);

const AUTOCOMMIT: ExecutionScope = { kind: 'autocommit' };

/**
 * Runs one command: picks its handler, its session scope (transaction or autocommit) and
 * turns every failure into a MongoDB error reply. It never throws.
 */
export class CommandDispatcher {
  private readonly poolExecutor: Executor;
  private readonly poolQueryable: Queryable;

  constructor(private readonly deps: DispatcherDependencies) {
    this.poolExecutor = new PoolExecutor(deps.pool, deps.logger);
    this.poolQueryable = { query: (text, values) => deps.pool.query(text, values) };
  }

  async execute(request: CommandRequest, connection: ConnectionInfo): Promise<Buffer> {
    let scope: ExecutionScope = AUTOCOMMIT;
    try {
      const handler = this.handlerFor(request);
      if (!TRANSACTION_CONTROL_COMMANDS.has(request.name)) {
        scope = await this.deps.sessions.scopeFor(readSessionFields(request.body));
      }
      const executor =
        scope.kind === 'transaction'
          ? new TransactionExecutor(scope.transaction)
          : this.poolExecutor;
      const reply = await handler({
        request,
        connection,
        executor,
        retryId: scope.kind === 'autocommit' ? scope.retryId : undefined,
        pool: this.poolQueryable,
        sessions: this.deps.sessions,
        cursors: this.deps.cursors,
        gateway: this.deps.gateway,
      });
      // MongoDB aborts a transaction on any failed write, per-document ones included.
      if (scope.kind === 'transaction' && !(reply instanceof RawReply) && hasWriteErrors(reply)) {
        await scope.transaction.abort(`${request.name} failed`);
      }
      return encodeReply(reply);
    } catch (error) {
      const failure = await this.toMongoError(error, request, scope.kind === 'transaction');
      if (scope.kind === 'transaction') {
        await scope.transaction.abort(`${request.name} failed: ${failure.message}`);
        if (TRANSIENT_IN_TRANSACTION.has(failure.code))
          failure.withLabel(TRANSIENT_TRANSACTION_ERROR);
      }
      this.log(failure, error, request);
      return encodeDocument(failure.toReply());
    }
  }

  private handlerFor(request: CommandRequest): CommandHandler {
    const handler = this.deps.handlers.get(request.name);
    if (!handler) {
      throw MongoCommandError.of('CommandNotFound', `no such command: '${request.name}'`);
    }
    const allowed = DOCUMENT_SEQUENCE_FIELDS[request.name];
    for (const identifier of request.sequences.keys()) {
      if (identifier !== allowed) {
        throw MongoCommandError.of(
          'InvalidOptions',
          `'${request.name}' does not take a document sequence named '${identifier}'`,
        );
      }
    }
    return handler;
  }

  private async toMongoError(
    error: unknown,
    request: CommandRequest,
    inTransaction: boolean,
  ): Promise<MongoCommandError> {
    const target: unknown = request.body[request.name];
    const ns = typeof target === 'string' ? `${request.database}.${target}` : undefined;
    const indexId =
      error instanceof DatabaseError ? indexIdFromConstraint(error.constraint) : undefined;
    const indexName =
      indexId === undefined ? undefined : await indexNameById(this.poolQueryable, indexId);
    return mapEngineError(error, { ns, indexName, inTransaction });
  }

  private log(failure: MongoCommandError, cause: unknown, request: CommandRequest): void {
    const fields = {
      command: request.name,
      database: request.database,
      code: failure.code,
      errmsg: failure.message,
    };
    if (failure.code === ErrorCode.InternalError || failure.code === ErrorCode.HostUnreachable) {
      this.deps.logger.error('command failed', { ...fields, error: cause });
    } else {
      this.deps.logger.debug('command failed', fields);
    }
  }
}

/** Replies are `ok: 1`/`ok: 0` numbers even where DocumentDB answers with a boolean. */
function encodeReply(reply: CommandReply): Buffer {
  if (reply instanceof RawReply) return reply.bytes;
  const document: Document =
    typeof reply.ok === 'boolean' ? { ...reply, ok: reply.ok ? 1 : 0 } : reply;
  return encodeDocument(document);
}

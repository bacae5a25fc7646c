import { DatabaseError } from 'pg';
import { mongoCodeForSqlState, type MongoCodeRef } from './documentdb-error-codes';
import { duplicateKeyMessage, indexNameFromMessage } from './duplicate-key';
import { ErrorCode, MongoCommandError } from './mongo-error';

const ref = (codeName: keyof typeof ErrorCode): MongoCodeRef => ({
  code: ErrorCode[codeName],
  codeName,
});

/** Maps a SQLSTATE, DocumentDB's class `M` or a plain PostgreSQL one, to a MongoDB code. */
export function mongoCodeForState(state: string): MongoCodeRef {
  const documentDbCode = mongoCodeForSqlState(state);
  if (documentDbCode) return documentDbCode;
  if (state.startsWith('M')) return ref('BadValue');
  if (state === '23505' || state === '23P01') return ref('DuplicateKey');
  if (state === '40001' || state === '40P01') return ref('WriteConflict');
  if (state === '55P03') return ref('LockTimeout');
  if (state === '57014') return ref('MaxTimeMSExpired');
  if (state === '25P02') return ref('NoSuchTransaction');
  if (isConnectionState(state)) return ref('HostUnreachable');
  if (state.startsWith('22')) return ref('BadValue');
  return ref('InternalError');
}

/** Admin shutdown, crash recovery, lost connection, too many clients. */
export function isConnectionState(state: string): boolean {
  return state.startsWith('08') || state.startsWith('57P') || state === '53300';
}

const CONNECTION_ERRNOS = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EHOSTUNREACH',
]);

export function isConnectionFailure(error: unknown): boolean {
  if (error instanceof DatabaseError) return isConnectionState(error.code ?? '');
  if (!(error instanceof Error)) return false;
  const errno = (error as NodeJS.ErrnoException).code;
  return (
    (errno !== undefined && CONNECTION_ERRNOS.has(errno)) ||
    /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(
      error.message,
    )
  );
}

export interface ErrorContext {
  /** `db.collection` of the command, used in duplicate key messages. */
  readonly ns?: string;
  /** Index name resolved from a raw unique-violation constraint, when known. */
  readonly indexName?: string;
  readonly inTransaction?: boolean;
}

// A transaction's snapshot predates a collection (or database) another client just created:
// DocumentDB tries to create it again and fails. MongoDB reports this race as
// SnapshotUnavailable, which drivers retry with the whole transaction.
const CATALOG_RACE =
  /^Unable to create (the specified collection|metadata database sentinel collection)/;

function isCatalogRace(error: DatabaseError): boolean {
  return error.code === 'M0000' && CATALOG_RACE.test(error.message);
}

export function mapEngineError(error: unknown, context: ErrorContext = {}): MongoCommandError {
  if (error instanceof MongoCommandError) return error;
  if (error instanceof DatabaseError) {
    if (context.inTransaction && isCatalogRace(error)) {
      return MongoCommandError.of(
        'SnapshotUnavailable',
        `${error.message}: it was created after the transaction's snapshot; retry the transaction`,
      );
    }
    const { code, codeName } = mongoCodeForState(error.code ?? '');
    const message =
      code === ErrorCode.DuplicateKey
        ? duplicateKeyMessage(context.ns, context.indexName ?? indexNameFromMessage(error.message))
        : error.message;
    return new MongoCommandError(code, codeName, message);
  }
  const message = error instanceof Error ? error.message : String(error);
  if (isConnectionFailure(error)) {
    return MongoCommandError.of('HostUnreachable', `DocumentDB is unreachable: ${message}`);
  }
  return MongoCommandError.of('InternalError', message);
}

import type { Document } from 'bson';

/** MongoDB error codes the gateway raises itself (names as in the server's error_codes.yml). */
export const ErrorCode = {
  InternalError: 1,
  BadValue: 2,
  HostUnreachable: 6,
  FailedToParse: 9,
  TypeMismatch: 14,
  ProtocolError: 17,
  AuthenticationFailed: 18,
  InvalidBSON: 22,
  LockTimeout: 24,
  NamespaceNotFound: 26,
  CursorNotFound: 43,
  MaxTimeMSExpired: 50,
  CommandNotFound: 59,
  InvalidOptions: 72,
  InvalidNamespace: 73,
  WriteConflict: 112,
  CommandNotSupported: 115,
  ConflictingOperationInProgress: 117,
  TransactionTooOld: 225,
  SnapshotUnavailable: 246,
  NoSuchTransaction: 251,
  TransactionCommitted: 256,
  TooManyLogicalSessions: 261,
  ExceededTimeLimit: 262,
  OperationNotSupportedInTransaction: 263,
  DuplicateKey: 11000,
} as const;

export type ErrorCodeName = keyof typeof ErrorCode;

export const TRANSIENT_TRANSACTION_ERROR = 'TransientTransactionError';
export const UNKNOWN_TRANSACTION_COMMIT_RESULT = 'UnknownTransactionCommitResult';

/** A command failure as the client sees it: `{ ok: 0, errmsg, code, codeName }`. */
export class MongoCommandError extends Error {
  override readonly name = 'MongoCommandError';
  readonly errorLabels: Set<string>;

  constructor(
    readonly code: number,
    readonly codeName: string,
    message: string,
    errorLabels: Iterable<string> = [],
  ) {
    super(message);
    this.errorLabels = new Set(errorLabels);
  }

  static of(
    name: ErrorCodeName,
    message: string,
    labels: Iterable<string> = [],
  ): MongoCommandError {
    return new MongoCommandError(ErrorCode[name], name, message, labels);
  }

  withLabel(label: string): this {
    this.errorLabels.add(label);
    return this;
  }

  toReply(): Document {
    const reply: Document = {
      ok: 0,
      errmsg: this.message,
      code: this.code,
      codeName: this.codeName,
    };
    if (this.errorLabels.size > 0) reply.errorLabels = [...this.errorLabels];
    return reply;
  }
}

/**
 * DocumentDB raises MongoDB errors as PostgreSQL errors whose SQLSTATE is a class-`M` code
 * (`M001C` is DuplicateKey). Write results carry the same SQLSTATE packed into an integer.
 * This table maps the SQLSTATEs an application can meet back to MongoDB's code and name.
 */
export interface MongoCodeRef {
  readonly code: number;
  readonly codeName: string;
}

const M_CODES: ReadonlyArray<readonly [sqlState: string, code: number, codeName: string]> = [
  ['M0000', 1, 'InternalError'],
  ['M0001', 2, 'BadValue'],
  ['M0003', 9, 'FailedToParse'],
  ['M00ER', 13, 'Unauthorized'],
  ['M0004', 14, 'TypeMismatch'],
  ['M0005', 15, 'Overflow'],
  ['M00DO', 16, 'InvalidLength'],
  ['M00EV', 18, 'AuthenticationFailed'],
  ['M0006', 20, 'IllegalOperation'],
  ['M00EW', 24, 'LockTimeout'],
  ['M0008', 26, 'NamespaceNotFound'],
  ['M0009', 27, 'IndexNotFound'],
  ['M000A', 28, 'PathNotViable'],
  ['M000C', 34, 'CannotBackfillArray'],
  ['M000D', 40, 'ConflictingUpdateOperators'],
  ['M000E', 43, 'CursorNotFound'],
  ['M000F', 48, 'NamespaceExists'],
  ['M00EX', 50, 'MaxTimeMSExpired'],
  ['M000G', 52, 'DollarPrefixedFieldName'],
  ['M000H', 53, 'InvalidIdField'],
  ['M000I', 54, 'NotSingleValueField'],
  ['M000J', 56, 'EmptyFieldName'],
  ['M000K', 57, 'DottedFieldName'],
  ['M00EY', 59, 'CommandNotFound'],
  ['M000L', 61, 'ShardKeyNotFound'],
  ['M000M', 66, 'ImmutableField'],
  ['M000N', 67, 'CannotCreateIndex'],
  ['M000O', 68, 'IndexAlreadyExists'],
  ['M000P', 72, 'InvalidOptions'],
  ['M000Q', 73, 'InvalidNamespace'],
  ['M000R', 85, 'IndexOptionsConflict'],
  ['M000S', 86, 'IndexKeySpecsConflict'],
  ['M00F0', 91, 'ShutdownInProgress'],
  ['M000T', 111, 'NotExactValueField'],
  ['M00F1', 112, 'WriteConflict'],
  ['M000U', 115, 'CommandNotSupported'],
  ['M00F2', 117, 'ConflictingOperationInProgress'],
  ['M00CO', 121, 'DocumentValidationFailure'],
  ['M00EL', 143, 'CursorInUse'],
  ['M000W', 146, 'ExceededMemoryLimit'],
  ['M000X', 159, 'DurationOverflow'],
  ['M000Y', 165, 'ViewDepthLimitExceeded'],
  ['M000Z', 166, 'CommandNotSupportedOnView'],
  ['M0010', 167, 'OptionNotSupportedOnView'],
  ['M0011', 181, 'AmbiguousIndexKeyPattern'],
  ['M0012', 197, 'InvalidIndexSpecificationOption'],
  ['M00F4', 201, 'CannotBuildIndexKeys'],
  ['M0013', 224, 'QueryFeatureNotAllowed'],
  ['M00F5', 225, 'TransactionTooOld'],
  ['M0014', 232, 'MaxSubPipelineDepthExceeded'],
  ['M0015', 241, 'ConversionFailure'],
  ['M00F6', 251, 'NoSuchTransaction'],
  ['M00F7', 256, 'TransactionCommitted'],
  ['M00F8', 261, 'TooManyLogicalSessions'],
  ['M0016', 263, 'OperationNotSupportedInTransaction'],
  ['M0017', 276, 'IndexBuildAborted'],
  ['M0018', 291, 'UnableToFindIndex'],
  ['M0019', 361, 'CollectionUUIDMismatch'],
  ['M00E8', 10107, 'NotWritablePrimary'],
  ['M001B', 10334, 'BSONObjectTooLarge'],
  ['M001C', 11000, 'DuplicateKey'],
  ['M001D', 12587, 'BackgroundOperationInProgressForNamespace'],
  ['M0035', 17194, 'Location17194'],
  ['M007U', 40324, 'Location40324'],
  ['M0088', 40415, 'Location40415'],
  ['M009H', 51091, 'Location51091'],
];

const BY_SQL_STATE: ReadonlyMap<string, MongoCodeRef> = new Map(
  M_CODES.map(([sqlState, code, codeName]) => [sqlState, { code, codeName }]),
);

export function mongoCodeForSqlState(sqlState: string): MongoCodeRef | undefined {
  return BY_SQL_STATE.get(sqlState);
}

/** PostgreSQL packs a SQLSTATE into an int as five 6-bit characters, first one lowest. */
export function unpackSqlState(packed: number): string {
  let state = '';
  for (let i = 0; i < 5; i++) state += String.fromCharCode(((packed >>> (6 * i)) & 0x3f) + 48);
  return state;
}

export function isSqlState(text: string): boolean {
  return /^[0-9A-Z]{5}$/.test(text);
}

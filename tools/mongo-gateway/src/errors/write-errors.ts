import type { Document } from 'bson';
import { toNumber } from '../bson/bson-values';
import { isSqlState, unpackSqlState, type MongoCodeRef } from './documentdb-error-codes';
import { duplicateKeyMessage, indexNameFromMessage } from './duplicate-key';
import { mongoCodeForState } from './map-engine-error';
import { ErrorCode } from './mongo-error';

/**
 * DocumentDB reports per-document failures with the SQLSTATE packed into `code`; a MongoDB
 * code that is already plain (not a packed SQLSTATE) is kept.
 */
export function resolveResultCode(raw: unknown): MongoCodeRef {
  const packed = toNumber(raw) ?? ErrorCode.InternalError;
  const state = unpackSqlState(packed);
  return isSqlState(state)
    ? mongoCodeForState(state)
    : { code: packed, codeName: `Location${packed}` };
}

/** Rewrites the `writeErrors` of an insert/update/delete result into MongoDB's shape. */
export function translateWriteResult(result: Document, ns: string): Document {
  const writeErrors: unknown = result.writeErrors;
  if (!Array.isArray(writeErrors)) return result;
  return {
    ...result,
    writeErrors: writeErrors.map((entry) => translateWriteError(entry as Document, ns)),
  };
}

function translateWriteError(entry: Document, ns: string): Document {
  const { code } = resolveResultCode(entry.code);
  const original = typeof entry.errmsg === 'string' ? entry.errmsg : '';
  const errmsg =
    code === ErrorCode.DuplicateKey
      ? duplicateKeyMessage(ns, indexNameFromMessage(original))
      : original;
  return { ...entry, code, errmsg };
}

export function hasWriteErrors(result: Document): boolean {
  return Array.isArray(result.writeErrors) && result.writeErrors.length > 0;
}

import { isConnectionError } from './connection-error';

// PostgreSQL SQLSTATEs of a server shutting down, starting or out of connections; class 08
// (connection exception) is matched by prefix.
const UNAVAILABLE_SQLSTATES: ReadonlySet<string> = new Set(['57P01', '57P02', '57P03', '53300']);

/**
 * True when `error` says PostgreSQL cannot be reached right now (socket refused or dropped, server
 * going away, pool unable to connect), so the caller answers 503 rather than 500. Reads the error
 * of node-postgres, also as TypeORM's `QueryFailedError` keeps it (`driverError`).
 */
export function isPostgresUnavailable(error: unknown): boolean {
  const driverError = (error as { driverError?: unknown } | null)?.driverError ?? error;
  if (isConnectionError(driverError)) return true;
  if (typeof driverError !== 'object' || driverError === null) return false;
  const { code, message } = driverError as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && (UNAVAILABLE_SQLSTATES.has(code) || code.startsWith('08'))) {
    return true;
  }
  // node-postgres says these in words only, without a code.
  return (
    typeof message === 'string' &&
    /Connection terminated|timeout exceeded when trying to connect/i.test(message)
  );
}

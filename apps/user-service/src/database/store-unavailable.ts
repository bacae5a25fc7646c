import { isConnectionError } from '@polyshop/service-runtime';

// PostgreSQL SQLSTATEs of a server shutting down, starting or out of connections; class 08
// (connection exception) is matched by prefix.
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300']);

/**
 * True when `error` says PostgreSQL cannot be reached right now (socket refused or dropped, server
 * going away, pool unable to connect), so the caller gets a 503 rather than a 500.
 */
export function isStoreUnavailable(error: unknown): boolean {
  if (isConnectionError(error)) return true;
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && (UNAVAILABLE_SQLSTATES.has(code) || code.startsWith('08'))) {
    return true;
  }
  // node-postgres says these in words only, without a code.
  return (
    typeof message === 'string' &&
    /Connection terminated|timeout exceeded when trying to connect/i.test(message)
  );
}

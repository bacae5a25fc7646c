import { isConnectionError } from '@polyshop/service-runtime';

// mysql2 codes of a server that dropped us, has no connection left, or holds a lock too long.
const UNAVAILABLE_CODES = new Set([
  'PROTOCOL_CONNECTION_LOST',
  'ER_CON_COUNT_ERROR',
  'ER_LOCK_WAIT_TIMEOUT',
]);

/**
 * True when `error` says MariaDB cannot be reached right now, so the caller gets a 503 rather
 * than a 500. TypeORM's `QueryFailedError` keeps the driver's error as `driverError`.
 */
export function isStoreUnavailable(error: unknown): boolean {
  const driverError = (error as { driverError?: unknown } | null)?.driverError ?? error;
  if (isConnectionError(driverError)) return true;
  const code = (driverError as { code?: unknown } | null)?.code;
  return typeof code === 'string' && UNAVAILABLE_CODES.has(code);
}

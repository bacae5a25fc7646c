/**
 * Node's socket error codes for a peer that refuses, drops, cannot be found or stays silent.
 * Every store driver surfaces them; what else means "store down" is driver-specific.
 */
const CONNECTION_ERROR_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/** True when `error` is a Node socket error (its `code`), i.e. the peer is not reachable now. */
export function isConnectionError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code } = error as { code?: unknown };
  return typeof code === 'string' && CONNECTION_ERROR_CODES.has(code);
}

import { isConnectionError } from '@polyshop/service-runtime';

// What ioredis says while it has no usable connection: the connection ended, it is not writable
// and may not queue, or a command timed out.
const CLIENT_OUTAGE_MESSAGES = [
  'Connection is closed.',
  "Stream isn't writeable",
  'Command timed out',
  'Socket timeout',
];

// Redis replies (`ReplyError`, by their first word) of a server that cannot serve right now:
// loading its AOF, a replica cut off from its master or read-only after a failover, a script
// hogging it.
const SERVER_OUTAGE_REPLIES = new Set(['LOADING', 'MASTERDOWN', 'READONLY', 'BUSY', 'TRYAGAIN']);

/**
 * True when `error` says inventory's Redis cannot serve right now, so the caller gets a 503;
 * anything else (a script or a key layout bug) is a 500.
 */
export function isStoreUnavailable(error: unknown): boolean {
  if (isConnectionError(error)) return true;
  if (!(error instanceof Error)) return false;
  // Rejected after `maxRetriesPerRequest` reconnections failed.
  if (error.name === 'MaxRetriesPerRequestError') return true;
  if (error.name === 'ReplyError') return SERVER_OUTAGE_REPLIES.has(error.message.split(' ')[0]);
  return CLIENT_OUTAGE_MESSAGES.some((message) => error.message.startsWith(message));
}

import { isConnectionError } from '@polyshop/service-runtime';
import { mongo } from 'mongoose';

/** Server error codes that mean "the store is not reachable right now", not "the request is wrong". */
const UNAVAILABLE_CODES = new Set([
  6, // HostUnreachable (the gateway lost DocumentDB)
  7, // HostNotFound
  89, // NetworkTimeout
  91, // ShutdownInProgress
  189, // PrimarySteppedDown
  11600, // InterruptedAtShutdown
  11602, // InterruptedDueToReplStateChange
]);

/**
 * True when `error` says MongoDB could not be reached (connection lost, no server selected,
 * Mongoose gave up buffering), so the caller gets a 503 rather than a 500.
 */
export function isStoreUnavailable(error: unknown): boolean {
  if (
    error instanceof mongo.MongoNetworkError ||
    error instanceof mongo.MongoServerSelectionError ||
    error instanceof mongo.MongoNotConnectedError ||
    error instanceof mongo.MongoTopologyClosedError ||
    isConnectionError(error)
  ) {
    return true;
  }
  // A bulk write (insertMany) that failed on the connection wraps the driver's error.
  if (error instanceof mongo.MongoBulkWriteError && error.errorResponse instanceof Error) {
    return isStoreUnavailable(error.errorResponse);
  }
  if (error instanceof mongo.MongoServerError) return UNAVAILABLE_CODES.has(Number(error.code));
  // Mongoose's own error when a command waited for a connection longer than `bufferTimeoutMS`.
  return error instanceof Error && /buffering timed out/.test(error.message);
}

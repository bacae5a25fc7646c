import { Logger } from '@nestjs/common';
import { rpcError, type RpcErrorReply } from '@polyshop/contracts';
import { OrderDomainError } from './domain/order.errors';

const logger = new Logger('OrdersRpc');

/** Driver error codes meaning the database cannot be reached right now. */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'PROTOCOL_CONNECTION_LOST',
  'ER_CON_COUNT_ERROR',
  'ER_LOCK_WAIT_TIMEOUT',
]);

const codeOf = (error: unknown): unknown => {
  const driverError = (error as { driverError?: unknown } | null)?.driverError ?? error;
  return (driverError as { code?: unknown } | null)?.code;
};

/**
 * The one place where failures become RPC replies: a domain error answers its code; the store
 * being unreachable answers `SERVICE.UNAVAILABLE`; anything else is logged and answers
 * `INTERNAL.ERROR`. A caller always gets a reply, never an exception.
 */
export function toRpcErrorReply(pattern: string, error: unknown): RpcErrorReply {
  if (error instanceof OrderDomainError) return rpcError(error.code, error.message, error.fields);
  const code = codeOf(error);
  if (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) {
    logger.warn(`${pattern}: database unavailable (${code})`);
    return rpcError('SERVICE.UNAVAILABLE', 'the order store is unavailable, try again shortly');
  }
  logger.error(`${pattern} failed`, error instanceof Error ? error.stack : String(error));
  return rpcError('INTERNAL.ERROR', 'the order service failed to handle the request');
}

/** Runs a handler's work and replies with its result or the mapped error. */
export async function replyTo<T>(
  pattern: string,
  work: () => Promise<T>,
): Promise<T | RpcErrorReply> {
  try {
    return await work();
  } catch (error) {
    return toRpcErrorReply(pattern, error);
  }
}

import type { Logger } from '@nestjs/common';
import {
  rpcError,
  validateRpcRequest,
  type RpcErrorReply,
  type RpcPattern,
  type RpcReply,
  type RpcRequest,
  type RpcResponse,
} from '@polyshop/contracts';
import { errorMessage } from '@polyshop/service-runtime';
import { DomainError } from './domain-error';

// Node socket errors and PostgreSQL SQLSTATEs of a server that is gone, starting or full.
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  '57P01',
  '57P02',
  '57P03',
  '53300',
]);

function isStoreUnavailable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && (UNAVAILABLE_CODES.has(code) || code.startsWith('08'))) {
    return true;
  }
  return (
    typeof message === 'string' &&
    /Connection terminated|timeout exceeded when trying to connect/i.test(message)
  );
}

/** The one place a failure becomes an RPC error reply; the caller never gets an exception. */
export function toRpcErrorReply(pattern: string, error: unknown, logger: Logger): RpcErrorReply {
  if (error instanceof DomainError) return rpcError(error.code, error.message);
  if (isStoreUnavailable(error)) {
    logger.warn(`${pattern}: database unavailable: ${errorMessage(error)}`);
    return rpcError('SERVICE.UNAVAILABLE', 'user-service cannot reach its database');
  }
  logger.error(`${pattern} failed: ${errorMessage(error)}`);
  return rpcError('INTERNAL.ERROR', 'user-service could not handle the request');
}

/**
 * Answers a core-NATS request: validates the payload against the pattern's DTO
 * (`VALIDATION.FAILED` naming every bad field), runs `handle`, and maps whatever it throws.
 */
export async function answerRpc<P extends RpcPattern>(
  pattern: P,
  payload: unknown,
  logger: Logger,
  handle: (request: RpcRequest<P>) => Promise<RpcResponse<P>>,
): Promise<RpcReply<P>> {
  const validation = validateRpcRequest(pattern, payload);
  if (!validation.ok) return validation.error;
  try {
    return await handle(validation.request);
  } catch (error) {
    return toRpcErrorReply(pattern, error, logger);
  }
}

import type { LoggerService } from '@nestjs/common';
import {
  rpcError,
  validateRpcRequest,
  type RpcPattern,
  type RpcReply,
  type RpcRequest,
  type RpcResponse,
} from '@polyshop/contracts';
import { errorMessage } from '@polyshop/service-runtime';
import { isStoreUnavailable } from '../database/store-unavailable';
import { DomainError } from './domain.error';

/**
 * Answers one core-NATS call: validates the payload against the pattern's DTO, runs `work` and
 * turns every failure into an error reply (the one place where domain errors become codes), so
 * the caller always gets an answer and never a thrown exception.
 */
export async function answerRpc<P extends RpcPattern>(
  pattern: P,
  payload: unknown,
  work: (request: RpcRequest<P>) => Promise<RpcResponse<P>>,
  logger: LoggerService,
): Promise<RpcReply<P>> {
  const checked = validateRpcRequest(pattern, payload ?? {});
  if (!checked.ok) return checked.error;
  try {
    return await work(checked.request);
  } catch (error) {
    if (error instanceof DomainError) return rpcError(error.code, error.message);
    if (isStoreUnavailable(error)) {
      logger.warn(`${pattern}: the product store is unavailable: ${errorMessage(error)}`);
      return rpcError('SERVICE.UNAVAILABLE', 'The product catalog is unavailable, retry later');
    }
    logger.error(
      `${pattern} failed: ${errorMessage(error)}`,
      error instanceof Error ? error.stack : undefined,
    );
    return rpcError('INTERNAL.ERROR', 'The product service failed to answer');
  }
}

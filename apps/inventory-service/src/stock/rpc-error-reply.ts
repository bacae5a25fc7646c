import { rpcError, type RpcErrorReply } from '@polyshop/contracts';
import { errorMessage } from '@polyshop/service-runtime';
import { StockError } from './stock.errors';

/**
 * The one place where a failure of an RPC call becomes its error reply: a refusal answers its
 * code; anything else is the store failing (Redis down or erroring), `SERVICE.UNAVAILABLE`,
 * so the gateway answers 503 rather than waiting for a timeout.
 */
export function rpcErrorReply(error: unknown): RpcErrorReply {
  if (error instanceof StockError) return rpcError(error.code, error.message);
  return rpcError('SERVICE.UNAVAILABLE', `inventory store failed: ${errorMessage(error)}`);
}

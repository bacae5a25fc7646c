import { Logger, type LoggerService } from '@nestjs/common';
import {
  RPC,
  rpcError,
  validateRpcRequest,
  type RpcErrorReply,
  type RpcPattern,
  type RpcReply,
  type RpcRequest,
  type RpcResponse,
} from '@polyshop/contracts';
import { errorMessage } from '../error-message';
import { DomainError } from './domain-error';

/** What a service tells `createAnswerRpc` about itself. */
export interface AnswerRpcOptions {
  /**
   * True when `error` means the service's own store cannot be reached right now (answered
   * `SERVICE.UNAVAILABLE`, 503, rather than `INTERNAL.ERROR`). Each driver reports an outage
   * its own way, so each service supplies its own test.
   */
  readonly isStoreUnavailable: (error: unknown) => boolean;
  /** Where outages and failures are logged; a logger named after the service by default. */
  readonly logger?: LoggerService;
}

/** Answers one core-NATS request of `pattern`; see `createAnswerRpc`. */
export type AnswerRpc = <P extends RpcPattern>(
  pattern: P,
  payload: unknown,
  handle: (request: RpcRequest<P>) => Promise<RpcResponse<P>>,
) => Promise<RpcReply<P>>;

/**
 * The one way a service answers its core-NATS requests (`@MessagePattern` handlers). The
 * returned `answerRpc(pattern, payload, handle)`:
 * - validates `payload` against the pattern's DTO (an absent payload is an empty request) and
 *   answers `VALIDATION.FAILED`, naming every bad field, without running `handle`;
 * - answers what `handle` returns;
 * - maps what it throws: a `DomainError` to its code, message and fields; an outage of the
 *   service's store (`isStoreUnavailable`) to `SERVICE.UNAVAILABLE`, logged as a warning;
 *   anything else to `INTERNAL.ERROR`, logged with its stack but never told to the caller.
 *
 * It never rejects: the caller always gets a reply, at once, rather than a transport error or a
 * timeout.
 */
export function createAnswerRpc({ isStoreUnavailable, logger }: AnswerRpcOptions): AnswerRpc {
  const log = (pattern: RpcPattern): LoggerService => logger ?? new Logger(RPC[pattern].service);

  const toErrorReply = (pattern: RpcPattern, error: unknown): RpcErrorReply => {
    if (error instanceof DomainError) return rpcError(error.code, error.message, error.fields);
    const service = RPC[pattern].service;
    if (storeUnavailable(isStoreUnavailable, error)) {
      log(pattern).warn(`${pattern}: store unavailable: ${errorMessage(error)}`);
      return rpcError('SERVICE.UNAVAILABLE', `${service} cannot reach its store, retry later`);
    }
    log(pattern).error(
      `${pattern} failed: ${errorMessage(error)}`,
      error instanceof Error ? error.stack : undefined,
    );
    return rpcError('INTERNAL.ERROR', `${service} could not handle the request`);
  };

  return async (pattern, payload, handle) => {
    const checked = validateRpcRequest(pattern, payload ?? {});
    if (!checked.ok) return checked.error;
    try {
      return await handle(checked.request);
    } catch (error) {
      return toErrorReply(pattern, error);
    }
  };
}

// A classifier that throws on an odd value must not turn an answer into no answer.
function storeUnavailable(test: (error: unknown) => boolean, error: unknown): boolean {
  try {
    return test(error);
  } catch {
    return false;
  }
}

import { rpcError, type RpcErrorReply } from '../errors';
import { describeProblems, validatePlain } from '../validation/validate-plain';
import { DLQ_RPC } from './dlq.rpc';
import { INVENTORY_RPC } from './inventory.rpc';
import { ORDERS_RPC } from './orders.rpc';
import { PAYMENTS_RPC } from './payments.rpc';
import { PRODUCTS_RPC } from './products.rpc';
import type { RpcDefinition } from './rpc-definition';
import { USERS_RPC } from './users.rpc';

/**
 * Every core-NATS request/reply call, by pattern (the NATS subject the service subscribes to with
 * `@MessagePattern`). Patterns start with `rpc.` so that no event stream (`order.>`,
 * `inventory.>`, `dlq.>`, ...) captures a request.
 */
export const RPC = {
  ...USERS_RPC,
  ...PRODUCTS_RPC,
  ...INVENTORY_RPC,
  ...ORDERS_RPC,
  ...PAYMENTS_RPC,
  ...DLQ_RPC,
} as const;

/** A pattern of the RPC map, e.g. `'rpc.orders.place'`. */
export type RpcPattern = keyof typeof RPC;

/** The request payload type of a pattern: the instance type of its DTO class. */
export type RpcRequest<P extends RpcPattern> = InstanceType<(typeof RPC)[P]['requestClass']>;

/** The success reply type of a pattern. */
export type RpcResponse<P extends RpcPattern> =
  (typeof RPC)[P] extends RpcDefinition<object, infer R> ? R : never;

/** Anything a pattern may reply: its response or an error reply. */
export type RpcReply<P extends RpcPattern> = RpcResponse<P> | RpcErrorReply;

/** Pattern constants, so a caller and the answering handler name a call once. */
export const RPC_PATTERNS = {
  USERS_REGISTER: 'rpc.users.register',
  USERS_LOGIN: 'rpc.users.login',
  USERS_GET_PROFILE: 'rpc.users.get-profile',
  PRODUCTS_LIST: 'rpc.products.list',
  PRODUCTS_GET: 'rpc.products.get',
  PRODUCTS_CREATE: 'rpc.products.create',
  PRODUCTS_UPDATE: 'rpc.products.update',
  INVENTORY_GET_AVAILABILITY: 'rpc.inventory.get-availability',
  INVENTORY_SET_STOCK: 'rpc.inventory.set-stock',
  INVENTORY_TIMELINE: 'rpc.inventory.timeline',
  ORDERS_PLACE: 'rpc.orders.place',
  ORDERS_GET: 'rpc.orders.get',
  ORDERS_LIST_MINE: 'rpc.orders.list-mine',
  ORDERS_CANCEL: 'rpc.orders.cancel',
  ORDERS_TIMELINE: 'rpc.orders.timeline',
  ORDERS_LIST_ALL: 'rpc.orders.list-all',
  ORDERS_SAGA_STATS: 'rpc.orders.saga-stats',
  PAYMENTS_TIMELINE: 'rpc.payments.timeline',
  ORDERS_DLQ_LIST: 'rpc.orders.dlq.list',
  ORDERS_DLQ_REPLAY: 'rpc.orders.dlq.replay',
  INVENTORY_DLQ_LIST: 'rpc.inventory.dlq.list',
  INVENTORY_DLQ_REPLAY: 'rpc.inventory.dlq.replay',
  PAYMENTS_DLQ_LIST: 'rpc.payments.dlq.list',
  PAYMENTS_DLQ_REPLAY: 'rpc.payments.dlq.replay',
} as const satisfies Record<string, RpcPattern>;

/** True when `pattern` is in the RPC map. */
export function isRpcPattern(pattern: string): pattern is RpcPattern {
  return Object.prototype.hasOwnProperty.call(RPC, pattern);
}

/** Outcome of `validateRpcRequest`: the typed request, or the `VALIDATION.FAILED` reply. */
export type RpcRequestValidation<P extends RpcPattern> =
  | { readonly ok: true; readonly request: RpcRequest<P> }
  | { readonly ok: false; readonly error: RpcErrorReply };

/**
 * Validates the payload of a `pattern` call against its DTO class (unknown fields rejected).
 * A failure is the reply to send back as is: `VALIDATION.FAILED` naming every bad field.
 */
export function validateRpcRequest<P extends RpcPattern>(
  pattern: P,
  payload: unknown,
): RpcRequestValidation<P> {
  const result = validatePlain<object>(RPC[pattern].requestClass, payload);
  if (result.ok) return { ok: true, request: result.value as RpcRequest<P> };
  return {
    ok: false,
    error: rpcError(
      'VALIDATION.FAILED',
      `Invalid ${pattern} request: ${describeProblems(result.problems)}`,
      result.problems,
    ),
  };
}

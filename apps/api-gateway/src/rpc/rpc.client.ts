import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import {
  isRpcError,
  RPC,
  type RpcPattern,
  type RpcRequest,
  type RpcResponse,
} from '@polyshop/contracts';
import { NATS_CONNECTION, requestInContext } from '@polyshop/messaging';
import { errorMessage } from '@polyshop/service-runtime';
import { ErrorCode, NatsError, type NatsConnection } from 'nats';
import type { ApiGatewayEnv } from '../config/api-gateway.env';
import { GatewayError } from '../problems/gateway.errors';
import { decodeNestReply, encodeNestRequest } from './nest-nats-wire';

/** user-service's patterns that run argon2 before answering. */
const PASSWORD_HASHING = new Set<RpcPattern>(['rpc.users.register', 'rpc.users.login']);

/**
 * Calls the services over core-NATS request/reply (the `RPC` map of `@polyshop/contracts`),
 * on the process's one NATS connection, with a deadline on every call. A service that is down
 * (no responder: answered at once by the broker), slow (past `RPC_TIMEOUT_MS`, or
 * `AUTH_RPC_TIMEOUT_MS` for registration and login) or unreachable
 * becomes `SERVICE.UNAVAILABLE`; its error replies become `GatewayError`s with their code.
 */
@Injectable()
export class RpcClient {
  private readonly logger = new Logger(RpcClient.name);
  private readonly timeoutMs: number;
  private readonly authTimeoutMs: number;

  constructor(
    @Inject(NATS_CONNECTION) private readonly nats: NatsConnection,
    config: ConfigService<ApiGatewayEnv, true>,
  ) {
    this.timeoutMs = config.get('RPC_TIMEOUT_MS', { infer: true });
    this.authTimeoutMs = config.get('AUTH_RPC_TIMEOUT_MS', { infer: true });
  }

  /** The deadline of a call: longer for the calls that hash a password. */
  private deadlineOf(pattern: RpcPattern): number {
    return PASSWORD_HASHING.has(pattern) ? this.authTimeoutMs : this.timeoutMs;
  }

  /** The service's answer to `pattern`, or a `GatewayError` saying why there is none. */
  async call<P extends RpcPattern>(pattern: P, request: RpcRequest<P>): Promise<RpcResponse<P>> {
    const service = RPC[pattern].service;
    let body: Uint8Array;
    try {
      // A CLIENT span when tracing is on; the request carries the correlation id and trace.
      const message = await requestInContext(pattern, (headers) =>
        this.nats.request(pattern, encodeNestRequest(pattern, request, randomUUID()), {
          timeout: this.deadlineOf(pattern),
          headers,
        }),
      );
      body = message.data;
    } catch (error) {
      throw this.unavailable(service, pattern, error);
    }
    const reply = decodeNestReply(body);
    if (!reply.ok) {
      this.logger.error(`${service} failed on ${pattern}: ${reply.error}`);
      throw new GatewayError('INTERNAL.ERROR', `${service} failed to handle the request`);
    }
    if (isRpcError(reply.response)) {
      const { code, message, status, fields } = reply.response;
      throw new GatewayError(code, message, { status, fields });
    }
    return reply.response as RpcResponse<P>;
  }

  /**
   * `call` for the part of a composed answer that may be left out: the answer, or why there is
   * none (logged with `part`), so that one service failing or not answering in time does not
   * fail the whole composition.
   */
  async callOptional<P extends RpcPattern>(
    pattern: P,
    request: RpcRequest<P>,
    part: string,
  ): Promise<{ ok: true; response: RpcResponse<P> } | { ok: false; error: string }> {
    try {
      return { ok: true, response: await this.call(pattern, request) };
    } catch (error) {
      this.logger.warn(`${part} left out: ${errorMessage(error)}`);
      return { ok: false, error: errorMessage(error) };
    }
  }

  private unavailable(service: string, pattern: RpcPattern, error: unknown): GatewayError {
    const code: string | undefined = error instanceof NatsError ? error.code : undefined;
    const detail =
      code === ErrorCode.NoResponders.valueOf()
        ? `${service} is unavailable: nothing answers ${pattern}`
        : code === ErrorCode.Timeout.valueOf()
          ? `${service} did not answer ${pattern} within ${this.deadlineOf(pattern)} ms`
          : `${service} could not be reached: ${errorMessage(error)}`;
    this.logger.warn(detail);
    return new GatewayError('SERVICE.UNAVAILABLE', detail);
  }
}

import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import {
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { NatsContext } from '@nestjs/microservices';
import {
  ATTR_HTTP_REQUEST_METHOD,
  ATTR_HTTP_RESPONSE_STATUS_CODE,
  ATTR_HTTP_ROUTE,
} from '@opentelemetry/semantic-conventions';
import { isRpcError } from '@polyshop/contracts';
import {
  activeTracer,
  enterMessageContext,
  type HopSpan,
  type MessageContext,
  newTraceparent,
  parseTraceparent,
  startHopSpan,
} from '@polyshop/observability';
import type { MsgHdrs } from 'nats';
import { finalize, tap, type Observable } from 'rxjs';
import { HEADERS } from '../publishing/headers';
import { SPAN_ATTRIBUTES } from './message-spans';

/** HTTP header a caller may set to correlate its request with what it causes. */
export const HTTP_CORRELATION_HEADER = 'x-correlation-id';

const MAX_ID_LENGTH = 128;
const cleanId = (value: unknown): string | undefined =>
  typeof value === 'string' && value.length > 0 && value.length <= MAX_ID_LENGTH
    ? value
    : undefined;

interface Incoming {
  correlationId?: string;
  traceparent?: string;
}

function incomingOf(context: ExecutionContext): Incoming {
  switch (context.getType<'http' | 'rpc' | 'ws'>()) {
    case 'http': {
      const { headers } = context
        .switchToHttp()
        .getRequest<{ headers: Record<string, string | string[] | undefined> }>();
      return {
        correlationId: cleanId(headers[HTTP_CORRELATION_HEADER]),
        traceparent: parseTraceparent(headers.traceparent),
      };
    }
    case 'rpc': {
      const rpc = context.switchToRpc().getContext<unknown>();
      if (!(rpc instanceof NatsContext)) return {};
      const headers = rpc.getHeaders() as MsgHdrs | undefined;
      return {
        correlationId: cleanId(headers?.get(HEADERS.correlationId)),
        traceparent: parseTraceparent(headers?.get(HEADERS.traceparent)),
      };
    }
    case 'ws':
      return {};
  }
}

/** What the HTTP span needs of a Fastify request and reply. */
interface HttpRequest {
  method: string;
  url: string;
  routeOptions?: { url?: string };
}

/** The SERVER span of a request, and how it ends with the handler's answer. */
interface ServerSpan {
  span: HopSpan;
  settle(handled: Observable<unknown>): Observable<unknown>;
}

/**
 * HTTP: ended when the response is closed, with the status code actually sent (what an
 * exception filter answered included): a 5xx is an error, a 4xx is not. Core NATS: ended with
 * the reply; an error reply of 5xx, or a throw, is an error.
 */
function startServerSpan(
  context: ExecutionContext,
  parent: string | undefined,
): ServerSpan | undefined {
  switch (context.getType<'http' | 'rpc' | 'ws'>()) {
    case 'http': {
      const http = context.switchToHttp();
      const request = http.getRequest<HttpRequest>();
      const response = http.getResponse<{ raw: ServerResponse }>().raw;
      const route = request.routeOptions?.url ?? request.url.split('?')[0];
      const span = startHopSpan(`${request.method} ${route}`, 'server', {
        parent,
        attributes: { [ATTR_HTTP_REQUEST_METHOD]: request.method, [ATTR_HTTP_ROUTE]: route },
      });
      if (span === undefined) return undefined;
      response.once('close', () => {
        span.setAttribute(ATTR_HTTP_RESPONSE_STATUS_CODE, response.statusCode);
        if (response.statusCode >= 500) span.fail(`HTTP ${response.statusCode}`);
        span.end();
      });
      return { span, settle: (handled) => handled };
    }
    case 'rpc': {
      const rpc = context.switchToRpc().getContext<unknown>();
      if (!(rpc instanceof NatsContext)) return undefined;
      const pattern = rpc.getSubject();
      const span = startHopSpan(pattern, 'server', {
        parent,
        attributes: { [SPAN_ATTRIBUTES.rpcSystem]: 'nats', [SPAN_ATTRIBUTES.rpcMethod]: pattern },
      });
      if (span === undefined) return undefined;
      const settle = (handled: Observable<unknown>) =>
        handled.pipe(
          tap({
            next: (reply) => {
              if (!isRpcError(reply)) return;
              span.setAttribute(SPAN_ATTRIBUTES.errorCode, reply.code);
              if ((reply.status ?? 500) >= 500) span.fail(`${reply.code}: ${reply.message}`);
            },
            error: (error: unknown) => span.fail(error),
          }),
          finalize(() => span.end()),
        );
      return { span, settle };
    }
    case 'ws':
      return undefined;
  }
}

/**
 * Makes every HTTP request and core-NATS request the root (or a continuation) of a message
 * context: the caller's correlation id and W3C trace context when it sent valid ones, fresh ones
 * otherwise. What the handler publishes then carries them (see `createOutgoingEvent`).
 *
 * With tracing on, each request is also a SERVER span, child of the caller's trace context; the
 * message context then carries the span's own traceparent, and the span is the active one while
 * the handler runs.
 */
@Injectable()
export class MessageContextInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const incoming = incomingOf(context);
    // Tracing off: not even the route or the pattern is read.
    const server =
      activeTracer() === undefined ? undefined : startServerSpan(context, incoming.traceparent);
    const messageContext: MessageContext = {
      correlationId: incoming.correlationId ?? randomUUID(),
      causationId: null,
      traceparent: server?.span.traceparent ?? incoming.traceparent ?? newTraceparent(),
    };
    enterMessageContext(messageContext);
    if (server === undefined) return next.handle();
    // Nest binds the handler to the async context current when `handle()` is called.
    return server.settle(server.span.run(() => next.handle()));
  }
}

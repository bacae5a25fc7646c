import { randomUUID } from 'node:crypto';
import {
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { NatsContext } from '@nestjs/microservices';
import type { MsgHdrs } from 'nats';
import type { Observable } from 'rxjs';
import { HEADERS } from '../publishing/headers';
import { enterMessageContext, type MessageContext } from './message-context';
import { newTraceparent, parseTraceparent } from './trace-context';

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

/**
 * Makes every HTTP request and core-NATS request the root (or a continuation) of a message
 * context: the caller's correlation id and W3C trace context when it sent valid ones, fresh ones
 * otherwise. What the handler publishes then carries them (see `createOutgoingEvent`).
 */
@Injectable()
export class MessageContextInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const incoming = incomingOf(context);
    const messageContext: MessageContext = {
      correlationId: incoming.correlationId ?? randomUUID(),
      causationId: null,
      traceparent: incoming.traceparent ?? newTraceparent(),
    };
    enterMessageContext(messageContext);
    return next.handle();
  }
}

import {
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { HTTP_CORRELATION_HEADER } from '@polyshop/messaging';
import { currentMessageContext } from '@polyshop/observability';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Observable } from 'rxjs';

/** Where the request keeps its correlation id for the problem-details filter. */
export type CorrelatedRequest = FastifyRequest & { correlationId?: string };

/**
 * Runs right after `MessageContextInterceptor`: answers the request's correlation id (the
 * caller's or the one just started) in `x-correlation-id`, so a client can quote it, and keeps
 * it on the request, where the problem-details filter finds it (the filter runs outside the
 * asynchronous context the id lives in).
 */
@Injectable()
export class CorrelationIdInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const correlationId = currentMessageContext()?.correlationId;
    if (correlationId !== undefined && context.getType() === 'http') {
      const http = context.switchToHttp();
      http.getRequest<CorrelatedRequest>().correlationId = correlationId;
      void http.getResponse<FastifyReply>().header(HTTP_CORRELATION_HEADER, correlationId);
    }
    return next.handle();
  }
}

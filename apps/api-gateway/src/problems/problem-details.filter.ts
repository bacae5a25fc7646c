import { Catch, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { HTTP_CORRELATION_HEADER } from '@polyshop/messaging';
import { PROBLEM_CONTENT_TYPE } from '@polyshop/service-runtime';
import type { FastifyReply } from 'fastify';
import type { CorrelatedRequest } from './correlation-id.interceptor';
import { problemFor } from './problem-details';

// Set once the interceptors ran; before them (guards, body parsing) only the caller's header.
const correlationIdOf = (request: CorrelatedRequest): string | undefined => {
  if (request.correlationId !== undefined) return request.correlationId;
  const header = request.headers[HTTP_CORRELATION_HEADER];
  return typeof header === 'string' && header.length > 0 && header.length <= 128
    ? header
    : undefined;
};

/**
 * The gateway's one exception filter: every error, wherever it was raised (a use case, a guard,
 * the validation pipe, the throttler, Fastify's body parser), leaves as problem details.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Problems');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<CorrelatedRequest>();
    const reply = http.getResponse<FastifyReply>();
    const { problem, headers } = problemFor(exception, {
      instance: request.url.split('?')[0],
      correlationId: correlationIdOf(request),
    });
    // A 503 names the service that is down (logged where it was found); a 500 is unexpected.
    if (problem.status === 500) {
      const cause = exception instanceof Error ? (exception.stack ?? exception.message) : exception;
      this.logger.error(`${request.method} ${request.url} -> ${problem.code}`, cause);
    }
    void reply
      .status(problem.status)
      .headers({ ...headers, 'content-type': PROBLEM_CONTENT_TYPE })
      .send(JSON.stringify(problem));
  }
}

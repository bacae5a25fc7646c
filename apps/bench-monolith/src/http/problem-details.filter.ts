import {
  Catch,
  HttpException,
  Logger,
  type ArgumentsHost,
  type ExceptionFilter,
} from '@nestjs/common';
import { ERRORS } from '@polyshop/contracts';
import { PROBLEM_CONTENT_TYPE, errorMessage, problemDetails } from '@polyshop/service-runtime';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { MonolithError } from './monolith.errors';

/** Every error as RFC 9457 problem details, with the gateway's codes and statuses. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger(ProblemDetailsFilter.name);

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const instance = request.url.split('?')[0];
    let problem;
    if (error instanceof MonolithError) {
      problem = problemDetails({
        code: error.code,
        ...ERRORS[error.code],
        detail: error.message,
        instance,
        errors: error.fields,
      });
    } else if (error instanceof HttpException) {
      // Nest's own refusals (an unknown route): their status, a generic code.
      const status = error.getStatus();
      const code = status === 404 ? 'NOT_FOUND.ROUTE' : 'HTTP.REFUSED';
      problem = problemDetails({
        code,
        title: error.message,
        status,
        detail: error.message,
        instance,
      });
    } else {
      this.logger.error(
        `unexpected error on ${request.method} ${instance}: ${errorMessage(error)}`,
      );
      problem = problemDetails({
        code: 'INTERNAL.ERROR',
        ...ERRORS['INTERNAL.ERROR'],
        detail: 'The order could not be placed',
        instance,
      });
    }
    void http
      .getResponse<FastifyReply>()
      .status(problem.status)
      .header('content-type', PROBLEM_CONTENT_TYPE)
      .send(problem);
  }
}

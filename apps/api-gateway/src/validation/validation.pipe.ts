import { ValidationPipe } from '@nestjs/common';
import { describeProblems, fieldProblemsOf, type FieldProblem } from '@polyshop/contracts';
import { GatewayError } from '../problems/gateway.errors';

/** `VALIDATION.FAILED` naming every failing field, as the services' RPC validation does. */
export function validationFailed(problems: readonly FieldProblem[]): GatewayError {
  const detail = describeProblems(problems);
  return new GatewayError('VALIDATION.FAILED', detail || 'The request is invalid', {
    fields: problems,
  });
}

/**
 * Validation of every body, query and path DTO: unknown fields are errors (400) at every
 * depth, nothing is coerced except what a DTO converts on purpose (query numbers).
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => validationFailed(fieldProblemsOf(errors)),
  });
}

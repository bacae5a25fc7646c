import { ValidationPipe, type ValidationError } from '@nestjs/common';
import type { FieldProblem } from '@polyshop/contracts';
import { GatewayError } from '../problems/gateway.errors';

/** The dotted path of `key` under `parent` (`items.0`), as field problems name fields. */
export const joinPath = (parent: string, key: string): string =>
  parent ? `${parent}.${key}` : key;

/** Flattens class-validator's tree into dotted field paths: `items.0.quantity`. */
export function fieldProblemsOf(errors: readonly ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = error.property ? joinPath(parent, error.property) : parent || '(root)';
    const own = error.constraints ? [{ field, problems: Object.values(error.constraints) }] : [];
    return [...own, ...fieldProblemsOf(error.children ?? [], field)];
  });
}

/** `VALIDATION.FAILED` naming every failing field, as the services' RPC validation does. */
export function validationFailed(problems: readonly FieldProblem[]): GatewayError {
  const detail = problems.map((p) => `${p.field}: ${p.problems.join(', ')}`).join('; ');
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

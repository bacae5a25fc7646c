import { ValidationPipe, type ValidationError } from '@nestjs/common';
import type { FieldProblem } from '@polyshop/contracts';
import { MonolithError } from './monolith.errors';

const fieldProblemsOf = (errors: readonly ValidationError[], parent = ''): FieldProblem[] =>
  errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, problems: Object.values(error.constraints) }] : [];
    return [...own, ...fieldProblemsOf(error.children ?? [], field)];
  });

/** The gateway's validation (same options): unknown fields are errors at every depth. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const fields = fieldProblemsOf(errors);
      const detail = fields.map((f) => `${f.field}: ${f.problems.join(', ')}`).join('; ');
      return new MonolithError('VALIDATION.FAILED', detail || 'The request is invalid', fields);
    },
  });
}

import { ValidationPipe } from '@nestjs/common';
import { describeProblems, fieldProblemsOf } from '@polyshop/contracts';
import { MonolithError } from './monolith.errors';

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
      const detail = describeProblems(fields);
      return new MonolithError('VALIDATION.FAILED', detail || 'The request is invalid', fields);
    },
  });
}

import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validateSync, type ValidationError, type ValidatorOptions } from 'class-validator';

/** One field that failed validation: its dotted path (`data.items.0.quantity`) and why. */
export interface FieldProblem {
  readonly field: string;
  readonly problems: readonly string[];
}

/** Outcome of validating a plain value against a DTO class. */
export type Validated<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly problems: readonly FieldProblem[] };

/** Unknown fields are errors, at every depth: a typo in a producer must not pass silently. */
const VALIDATOR_OPTIONS: ValidatorOptions = {
  whitelist: true,
  forbidNonWhitelisted: true,
  forbidUnknownValues: true,
  validationError: { target: false, value: false },
};

// Own keys that would rewire the instance class-transformer builds, instead of being data.
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** True for a JSON object: not null, not an array, not a primitive. */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The dotted path of `key` under `parent` (`items.0`), as field problems name fields. */
export const joinPath = (parent: string, key: string): string =>
  parent ? `${parent}.${key}` : key;

function prototypeKeyProblems(value: unknown, path: string): FieldProblem[] {
  if (typeof value !== 'object' || value === null) return [];
  return Object.keys(value).flatMap((key) => {
    const field = joinPath(path, key);
    const own = PROTOTYPE_KEYS.has(key) ? [{ field, problems: [`${key} is not allowed`] }] : [];
    return [...own, ...prototypeKeyProblems((value as Record<string, unknown>)[key], field)];
  });
}

/** Flattens class-validator's tree into dotted field paths: `items.0.quantity`. */
export function fieldProblemsOf(errors: readonly ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = error.property ? joinPath(parent, error.property) : parent || '(root)';
    const own = error.constraints ? [{ field, problems: Object.values(error.constraints) }] : [];
    return [...own, ...fieldProblemsOf(error.children ?? [], field)];
  });
}

/**
 * Converts `plain` into an instance of `schema` and validates it (nested classes included),
 * rejecting unknown fields. `path` prefixes the reported field names (e.g. `data`).
 */
export function validatePlain<T extends object>(
  schema: ClassConstructor<T>,
  plain: unknown,
  path = '',
): Validated<T> {
  if (!isJsonObject(plain)) {
    return { ok: false, problems: [{ field: path || '(root)', problems: ['must be an object'] }] };
  }
  try {
    const unsafe = prototypeKeyProblems(plain, path);
    if (unsafe.length > 0) return { ok: false, problems: unsafe };
    const instance = plainToInstance(schema, plain);
    const errors = validateSync(instance, VALIDATOR_OPTIONS);
    if (errors.length > 0) return { ok: false, problems: fieldProblemsOf(errors, path) };
    return { ok: true, value: instance };
  } catch (error) {
    // A pathological input (nesting deep enough to overflow the stack) is a bad input, not a crash.
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, problems: [{ field: path || '(root)', problems: [reason] }] };
  }
}

/** One line naming every failing field: `data.total: total must be an integer number; ...`. */
export function describeProblems(problems: readonly FieldProblem[]): string {
  return problems.map((p) => `${p.field}: ${p.problems.join(', ')}`).join('; ');
}

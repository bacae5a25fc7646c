import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { joinPath, type FieldProblem } from '@polyshop/contracts';
import type { RawServerDefault } from 'fastify';
import { HTTP_BODY_LIMIT_BYTES } from '@polyshop/service-runtime';
import { validationFailed } from './validation.pipe';

/**
 * Deepest nesting of arrays and objects a body may have (the body itself is level 1). The
 * deepest DTO of the API nests 3 levels (an order's `items[0]`), so 32 refuses nothing real,
 * and it stays far below the depth at which the recursive validation of a body (Nest's
 * `stripProtoKeys`, class-transformer) overflows the stack, about 1 300 levels.
 */
export const MAX_JSON_DEPTH = 32;

// Matches only a half of a surrogate pair standing alone: with `u`, a pair is one code point.
const LONE_SURROGATE = /\p{Surrogate}/u;

const readable = (field: string): string => field.replace(/\p{Surrogate}/gu, '\ufffd') || '(root)';

/**
 * The first reason a parsed body cannot be accepted, whatever its DTO: nesting deeper than
 * `MAX_JSON_DEPTH`, or a string (value or key) that is not well-formed UTF-16 (a lone
 * surrogate, which JSON's `\ud800` escape can write but UTF-8 cannot store, and on which
 * validators such as `@IsEmail` throw). Walked with a stack of its own, so that no depth
 * overflows it.
 */
export function bodyProblemOf(body: unknown): FieldProblem | undefined {
  const pending: Array<{ value: unknown; field: string; depth: number }> = [
    { value: body, field: '', depth: 1 },
  ];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const { value, field, depth } = next;
    if (typeof value === 'string' && LONE_SURROGATE.test(value)) {
      return { field: readable(field), problems: ['must not contain a lone UTF-16 surrogate'] };
    }
    if (typeof value !== 'object' || value === null) continue;
    if (depth > MAX_JSON_DEPTH) {
      return {
        field: readable(field),
        problems: [`nests arrays and objects more than ${MAX_JSON_DEPTH} levels deep`],
      };
    }
    for (const [key, child] of Object.entries(value)) {
      if (LONE_SURROGATE.test(key)) {
        return {
          field: readable(joinPath(field, key)),
          problems: ['field names must not contain a lone UTF-16 surrogate'],
        };
      }
      pending.push({ value: child, field: joinPath(field, key), depth: depth + 1 });
    }
  }
  return undefined;
}

/**
 * Parses JSON bodies as Fastify does by default (`__proto__` and `constructor.prototype` keys
 * refused), then refuses with `VALIDATION.FAILED` (400) what `bodyProblemOf` finds, before the
 * validation pipe, which would crash on it (a 500). Registered through Nest, which then
 * registers no body parser of its own: the form parser it would add is never reached, since
 * `acceptJsonBodiesOnly` refuses every other media type first.
 */
export function parseJsonBodiesSafely(app: NestFastifyApplication): void {
  const parseJson = app.getHttpAdapter().getInstance().getDefaultJsonParser('error', 'error');
  app.useBodyParser<RawServerDefault>(
    'application/json',
    { bodyLimit: HTTP_BODY_LIMIT_BYTES },
    (request, body, done) => {
      void parseJson(request, body.toString(), (error, value: unknown) => {
        if (error) {
          done(error, undefined);
          return;
        }
        const problem = bodyProblemOf(value);
        done(problem === undefined ? null : validationFailed([problem]), value);
      });
    },
  );
}

import type { Type as Class } from '@nestjs/common';
import { Type } from 'class-transformer';

/**
 * Makes the numeric `fields` of a query DTO numbers before validation (a query string has only
 * strings): `"20"` becomes 20, `"x"` NaN (refused by `@IsInt`). Bodies are never converted.
 */
export function numbersFromQuery<T extends object>(dto: Class<T>, fields: Array<keyof T & string>) {
  for (const field of fields) Type(() => Number)(dto.prototype as object, field);
}

import type { Type } from '@nestjs/common';
import { ApiProperty, type ApiPropertyOptions } from '@nestjs/swagger';

/**
 * Adds the OpenAPI schema of every field of a DTO whose validation comes from a contract class
 * of `@polyshop/contracts` (so the HTTP and RPC rules cannot drift apart). Every field must be
 * listed: a field added to the contract fails to compile here until it is documented.
 */
export function documentFields<T extends object>(
  dto: Type<T>,
  fields: { [K in keyof T & string]-?: ApiPropertyOptions },
): void {
  for (const [field, options] of Object.entries<ApiPropertyOptions>(fields)) {
    ApiProperty(options)(dto.prototype as object, field);
  }
}

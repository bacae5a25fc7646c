import type { ValueTransformer } from 'typeorm';

/**
 * Amounts are `BIGINT` columns, which the driver reads as strings; every amount the platform
 * accepts is at most `Number.MAX_SAFE_INTEGER`, so it converts exactly to a number.
 */
export const BIGINT_AS_NUMBER: ValueTransformer = {
  to: (value: number | undefined) => value,
  from: (value: string | number | null) => (value === null ? null : Number(value)),
};

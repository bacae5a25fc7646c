// class-transformer's @Type reads design-type metadata as soon as a class is decorated.
import 'reflect-metadata';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  IsArray,
  IsISO4217CurrencyCode,
  IsISO8601,
  IsInt,
  IsMongoId,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';

const allOf =
  (...decorators: PropertyDecorator[]): PropertyDecorator =>
  (target, propertyKey) => {
    for (const decorate of decorators) decorate(target, propertyKey);
  };

/** An amount of money: an integer number of minor units (cents), never negative. */
export const IsAmount = (): PropertyDecorator =>
  allOf(IsInt(), Min(0), Max(Number.MAX_SAFE_INTEGER));

/** A count of items: an integer of at least `min` (1 unless told). */
export const IsCount = (min = 1): PropertyDecorator =>
  allOf(IsInt(), Min(min), Max(Number.MAX_SAFE_INTEGER));

/** An ISO 4217 currency code in upper case, such as `EUR`. */
export const IsCurrencyCode = (): PropertyDecorator =>
  allOf(
    Matches(/^[A-Z]{3}$/, { message: '$property must be 3 upper-case letters' }),
    IsISO4217CurrencyCode(),
  );

/** A product id: the 24-hex-digit MongoDB ObjectId that product-service assigns. */
export const IsProductId = (options?: { each: boolean }): PropertyDecorator =>
  IsMongoId({ each: options?.each ?? false, message: '$property must be a 24-hex product id' });

const UTC_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?Z$/;

/** An ISO-8601 timestamp in UTC (`Z`), such as `2025-01-15T10:00:00.000Z`. */
export const IsUtcTimestamp = (): PropertyDecorator =>
  allOf(
    IsISO8601({ strict: true }),
    Matches(UTC_TIMESTAMP, { message: '$property must be an ISO-8601 UTC timestamp ending in Z' }),
  );

/** A stock-keeping unit: 1-64 letters, digits, `.`, `_` or `-`, starting with a letter or digit. */
export const IsSku = (): PropertyDecorator =>
  Matches(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, {
    message: '$property must be 1-64 letters, digits, dots, underscores or dashes',
  });

/** A nested object, converted to and validated as `schema`. */
export const IsNested = (schema: () => new () => object): PropertyDecorator =>
  allOf(ValidateNested(), Type(schema));

/** A non-empty array of at most `maxSize` objects, each converted to and validated as `schema`. */
export const IsNestedList = (schema: () => new () => object, maxSize: number): PropertyDecorator =>
  allOf(
    IsArray(),
    ArrayNotEmpty(),
    ArrayMaxSize(maxSize),
    ValidateNested({ each: true }),
    Type(schema),
  );

import { registerDecorator, type ValidationArguments } from 'class-validator';
import { decodeBase64, parsePiiKeys, PII_KEY_ID_PATTERN } from '../users/pii/pii-keyring';

// Messages name the problem, never the value: these variables are secrets.

const define =
  (
    name: string,
    isValid: (value: unknown, args: ValidationArguments) => boolean,
    message: (args: ValidationArguments) => string,
  ): PropertyDecorator =>
  (target, propertyName) =>
    registerDecorator({
      name,
      target: target.constructor,
      propertyName: propertyName as string,
      validator: { validate: isValid, defaultMessage: message },
    });

const problemsOfKeys = (value: unknown): readonly string[] => {
  if (typeof value !== 'string') return ['must be a string'];
  const parsed = parsePiiKeys(value);
  return parsed.ok ? [] : parsed.problems;
};

/** `<id>:<base64 of 32 bytes>`, comma-separated, ids unique. */
export const IsPiiKeyring = (): PropertyDecorator =>
  define(
    'isPiiKeyring',
    (value) => problemsOfKeys(value).length === 0,
    ({ property, value }) => `${property}: ${problemsOfKeys(value).join('; ')}`,
  );

/** The id of one of the keys listed in `keysProperty` (checked only once those parse). */
export const IsActivePiiKeyId = (keysProperty: string): PropertyDecorator =>
  define(
    'isActivePiiKeyId',
    (value, { object }) => {
      if (typeof value !== 'string' || !PII_KEY_ID_PATTERN.test(value)) return false;
      const keys = parsePiiKeys(String((object as Record<string, unknown>)[keysProperty]));
      return !keys.ok || keys.value.has(value);
    },
    ({ property }) => `${property} must be the id of one of the keys in ${keysProperty}`,
  );

/** Standard base64 of at least `minBytes` bytes of key material. */
export const IsBase64Key = (minBytes: number): PropertyDecorator =>
  define(
    'isBase64Key',
    (value) => typeof value === 'string' && (decodeBase64(value)?.length ?? 0) >= minBytes,
    ({ property }) => `${property} must be the standard base64 of at least ${minBytes} bytes`,
  );

/**
 * Refuses a development default (public in `.env.example`) when `NODE_ENV` is `production`,
 * so that a deployment which forgot a secret stops at boot instead of running on a known one.
 */
export const NotDevelopmentValueInProduction = (developmentValue: string): PropertyDecorator =>
  define(
    'notDevelopmentValueInProduction',
    (value, { object }) =>
      value !== developmentValue ||
      (object as Record<string, unknown>)['NODE_ENV'] !== 'production',
    ({ property }) => `${property} is the development-only default, refused in production`,
  );

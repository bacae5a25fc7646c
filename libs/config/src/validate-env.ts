// Implicit conversion reads the declared property types from decorator metadata.
import 'reflect-metadata';
import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';

/** Thrown at boot when the environment is wrong; names every bad key in one message. */
export class InvalidEnvironmentError extends Error {
  constructor(
    readonly app: string,
    readonly problems: ReadonlyArray<{ key: string; reasons: string[] }>,
  ) {
    super(
      `Invalid configuration for ${app}: ${problems.length} bad variable(s): ` +
        problems.map((p) => `${p.key} (${p.reasons.join('; ')})`).join(', '),
    );
    this.name = 'InvalidEnvironmentError';
  }
}

const reasonsOf = (error: ValidationError): string[] => Object.values(error.constraints ?? {});

/**
 * Builds a validator for `ConfigModule.forRoot({ validate })`: converts the raw strings of the
 * environment into the typed class (defaults come from its property initialisers) and rejects
 * the whole configuration at once if any key is wrong. Values are never echoed, since some are
 * secrets.
 */
export function validateEnv<T extends object>(app: string, schema: ClassConstructor<T>) {
  return (raw: Record<string, unknown>): T => {
    const env = plainToInstance(schema, raw, {
      enableImplicitConversion: true,
      exposeDefaultValues: true,
    });
    const errors = validateSync(env, { forbidUnknownValues: true });
    if (errors.length > 0) {
      throw new InvalidEnvironmentError(
        app,
        errors.map((e) => ({ key: e.property, reasons: reasonsOf(e) })),
      );
    }
    return env;
  };
}

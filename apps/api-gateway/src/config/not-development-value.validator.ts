import { registerDecorator, type ValidationArguments } from 'class-validator';

/**
 * Refuses a development default (public in `.env.example`) when `NODE_ENV` is `production`,
 * so that a deployment which forgot a secret stops at boot instead of running on a known one.
 * The message names the variable, never its value.
 */
export const NotDevelopmentValueInProduction =
  (developmentValue: string): PropertyDecorator =>
  (target, propertyName) =>
    registerDecorator({
      name: 'notDevelopmentValueInProduction',
      target: target.constructor,
      propertyName: String(propertyName),
      validator: {
        validate: (value: unknown, args?: ValidationArguments) =>
          value !== developmentValue ||
          (args?.object as Record<string, unknown> | undefined)?.['NODE_ENV'] !== 'production',
        defaultMessage: (args?: ValidationArguments) =>
          `${args?.property ?? 'value'} is the development-only default, refused in production`,
      },
    });

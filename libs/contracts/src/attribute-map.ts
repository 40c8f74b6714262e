import { registerDecorator, ValidationArguments, ValidationOptions } from 'class-validator';

export const ATTRIBUTE_MAX_KEYS = 64;
export const ATTRIBUTE_VALUE_MAX_LENGTH = 1024;

/**
 * Keys become MongoDB field names, and MongoDB and FerretDB treat a dot or a leading `$` as
 * operators and reject NUL, so keys are restricted to letters, digits, `_` and `-`.
 */
export const ATTRIBUTE_KEY_PATTERN = /^[A-Za-z_][A-Za-z0-9_-]{0,63}$/;

/** Returns why `value` is not a flat map of scalar attributes, or undefined when it is one. */
export function describeAttributeMapProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return 'must be an object of scalar values';
  }
  const entries = Object.entries(value);
  if (entries.length > ATTRIBUTE_MAX_KEYS) {
    return `must have at most ${ATTRIBUTE_MAX_KEYS} keys, got ${entries.length}`;
  }
  for (const [key, item] of entries) {
    if (!ATTRIBUTE_KEY_PATTERN.test(key)) {
      return `key ${JSON.stringify(key)} must match ${ATTRIBUTE_KEY_PATTERN.source}`;
    }
    const problem = describeScalarProblem(item);
    if (problem) {
      return `value of ${JSON.stringify(key)} ${problem}`;
    }
  }

  return undefined;
}

function describeScalarProblem(item: unknown): string | undefined {
  if (item === null || typeof item === 'boolean') {
    return undefined;
  }
  if (typeof item === 'number') {
    return Number.isFinite(item) ? undefined : 'must be a finite number';
  }
  if (typeof item === 'string') {
    if (item.length > ATTRIBUTE_VALUE_MAX_LENGTH) {
      return `must be at most ${ATTRIBUTE_VALUE_MAX_LENGTH} characters`;
    }

    return item.includes('\u0000') ? 'must not contain NUL characters' : undefined;
  }

  return 'must be a string, number, boolean or null';
}

/** Validates a flat map of attribute names to scalar values. */
export function IsAttributeMap(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: 'isAttributeMap',
      target: target.constructor,
      propertyName: propertyName.toString(),
      options,
      validator: {
        validate: (value: unknown) => describeAttributeMapProblem(value) === undefined,
        defaultMessage: (args: ValidationArguments) =>
          `${args.property} ${describeAttributeMapProblem(args.value)}`,
      },
    });
  };
}

import { isIP } from 'node:net';
import { registerDecorator, ValidationArguments, ValidationOptions } from 'class-validator';
import { describeUnsafePattern } from '@vigil/contracts';

/** Returns whether `entry` is an IPv4 or IPv6 address, or a CIDR range of one. */
export function isIpRangeEntry(entry: unknown): boolean {
  if (typeof entry !== 'string' || entry.includes('%')) {
    return false;
  }
  const [address, prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) {
    return false;
  }
  if (prefix === undefined) {
    return true;
  }
  const maxPrefix = family === 4 ? 32 : 128;

  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= maxPrefix;
}

/** Validates each array entry as an address or a CIDR range, such as 203.0.113.0/24. */
export function IsIpRangeList(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: 'isIpRangeList',
      target: target.constructor,
      propertyName: propertyName.toString(),
      options,
      validator: {
        validate: (value: unknown) => Array.isArray(value) && value.every(isIpRangeEntry),
        defaultMessage: (args: ValidationArguments) => {
          const bad = (args.value as unknown[]).find((entry) => !isIpRangeEntry(entry));

          return `${args.property} entry ${JSON.stringify(bad)} must be an IP address or a CIDR range such as 203.0.113.0/24`;
        },
      },
    });
  };
}

/** Validates a user agent regex with `describeUnsafePattern`. */
export function IsSafePattern(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: 'isSafePattern',
      target: target.constructor,
      propertyName: propertyName.toString(),
      options,
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' && describeUnsafePattern(value) === undefined,
        defaultMessage: (args: ValidationArguments) =>
          typeof args.value === 'string'
            ? `${args.property} ${describeUnsafePattern(args.value)}`
            : `${args.property} must be a string`,
      },
    });
  };
}

/** Requires an object with at least one of `keys` set, and with `exclusive`, exactly one. */
export function HasSomeOf(
  keys: readonly string[],
  exclusive: boolean,
  options?: ValidationOptions,
): PropertyDecorator {
  const count = (value: unknown) =>
    keys.filter((key) => (value as Record<string, unknown> | null)?.[key] !== undefined).length;

  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: 'hasSomeOf',
      target: target.constructor,
      propertyName: propertyName.toString(),
      options,
      validator: {
        validate: (value: unknown) => (exclusive ? count(value) === 1 : count(value) >= 1),
        defaultMessage: (args: ValidationArguments) =>
          exclusive
            ? `${args.property} must set exactly one of ${keys.join(', ')}`
            : `${args.property} must set at least one of ${keys.join(', ')}`,
      },
    });
  };
}

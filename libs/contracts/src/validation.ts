import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';
import { ContractViolationError, FieldViolation } from './errors';

type ClassOf<T> = new () => T;

/** Flattens class-validator's tree of errors into dotted field paths with their messages. */
export function flattenValidationErrors(
  errors: ValidationError[],
  parentPath = '',
): FieldViolation[] {
  const violations: FieldViolation[] = [];
  for (const error of errors) {
    const path = parentPath ? `${parentPath}.${error.property}` : error.property;
    for (const message of Object.values(error.constraints ?? {})) {
      violations.push({ field: path, message });
    }
    violations.push(...flattenValidationErrors(error.children ?? [], path));
  }

  return violations;
}

/**
 * Converts a plain object to an instance of `schema` and validates it, so both ends of a topic
 * and the HTTP layer check the same rules. Unknown properties are rejected.
 *
 * @throws ContractViolationError naming every field that failed.
 */
export function validateAs<T extends object>(schema: ClassOf<T>, plain: unknown, what: string): T {
  if (typeof plain !== 'object' || plain === null || Array.isArray(plain)) {
    throw new ContractViolationError(`${what} must be a JSON object`, [
      { field: '', message: 'must be a JSON object' },
    ]);
  }
  const instance = plainToInstance(schema, plain);
  const errors = validateSync(instance, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length > 0) {
    const violations = flattenValidationErrors(errors);
    const summary = violations.map((v) => `${v.field}: ${v.message}`).join('; ');
    throw new ContractViolationError(`invalid ${what}: ${summary}`, violations);
  }

  return instance;
}

import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { flattenValidationErrors } from '@vigil/contracts';

type ClassOf<T> = new () => T;

/**
 * Validates environment variables against a settings class whose properties are named like the
 * variables. Values are converted by the class's `@Type` decorators and defaults come from
 * property initialisers.
 *
 * @throws Error naming every invalid variable, so a service fails at boot and not at first use.
 */
export function loadSettings<T extends object>(
  schema: ClassOf<T>,
  env: Record<string, string | undefined> = process.env,
): T {
  const defined = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );
  const settings = plainToInstance(schema, defined, { exposeDefaultValues: true });
  const errors = validateSync(settings, { whitelist: true, forbidUnknownValues: true });
  if (errors.length > 0) {
    const lines = flattenValidationErrors(errors).map((v) => `  ${v.field}: ${v.message}`);
    throw new Error(`invalid configuration for ${schema.name}:\n${lines.join('\n')}`);
  }

  return settings;
}

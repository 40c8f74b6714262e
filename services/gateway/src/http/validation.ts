import { ValidationError, ValidationPipe } from '@nestjs/common';
import { ContractViolationError, flattenValidationErrors } from '@vigil/contracts';

/**
 * Validates request bodies and queries against their DTO classes. Unknown fields are rejected,
 * and the response names every field that failed.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    transform: true,
    whitelist: true,
    forbidNonWhitelisted: true,
    exceptionFactory: (errors: ValidationError[]) => {
      const violations = flattenValidationErrors(errors);
      const fields = [...new Set(violations.map((violation) => violation.field))];

      return new ContractViolationError(`invalid request: check ${fields.join(', ')}`, violations);
    },
  });
}

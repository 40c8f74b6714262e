import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { ContractViolationError } from '@vigil/contracts';

/** Deepest nesting of objects and arrays a request may have; the API's deepest field sits three levels down. */
export const MAX_BODY_DEPTH = 16;

/**
 * Rejects request bodies and queries nested deeper than `MAX_BODY_DEPTH` before validation,
 * whose recursive walk would otherwise exhaust the call stack on a few kilobytes of brackets.
 * The walk here uses an explicit stack.
 */
@Injectable()
export class BodyDepthPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type !== 'body' && metadata.type !== 'query') {
      return value;
    }
    const tooDeep = findPathDeeperThan(value, MAX_BODY_DEPTH);
    if (tooDeep !== undefined) {
      throw new ContractViolationError(`request is nested deeper than ${MAX_BODY_DEPTH} levels`, [
        { field: tooDeep, message: `must not be nested deeper than ${MAX_BODY_DEPTH} levels` },
      ]);
    }

    return value;
  }
}

/** Returns the top-level field under which nesting passes `limit`, or undefined. */
export function findPathDeeperThan(value: unknown, limit: number): string | undefined {
  const pending: { item: unknown; depth: number; field: string }[] = [
    { item: value, depth: 0, field: '' },
  ];
  while (pending.length > 0) {
    const { item, depth, field } = pending.pop()!;
    if (typeof item !== 'object' || item === null) {
      continue;
    }
    if (depth >= limit) {
      return field;
    }
    for (const [key, child] of Object.entries(item)) {
      pending.push({ item: child, depth: depth + 1, field: field || key });
    }
  }

  return undefined;
}

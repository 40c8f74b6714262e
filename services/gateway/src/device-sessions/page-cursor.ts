import { ContractViolationError } from '@vigil/contracts';

/** The end of a page of newest-first results: the last item's creation time and id. */
export interface PagePosition {
  created_at: Date;
  id: string;
}

export function encodeCursor(position: PagePosition): string {
  const text = JSON.stringify([position.created_at.getTime(), position.id]);

  return Buffer.from(text).toString('base64url');
}

/** @throws ContractViolationError naming `cursor` when it is not one this API returned. */
export function decodeCursor(cursor: string): PagePosition {
  try {
    const [time, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof time === 'number' && Number.isFinite(time) && typeof id === 'string') {
      return { created_at: new Date(time), id };
    }
  } catch {
    // Reported below with the field name.
  }
  throw new ContractViolationError('cursor is invalid', [
    { field: 'cursor', message: 'cursor must be a next_cursor value from an earlier page' },
  ]);
}

/** Returns the filter for the items after `position` in newest-first order (ties broken by id). */
export function afterPosition(position: PagePosition | undefined): Record<string, unknown> {
  if (!position) {
    return {};
  }

  return {
    $or: [
      { created_at: { $lt: position.created_at } },
      { created_at: position.created_at, _id: { $lt: position.id } },
    ],
  };
}

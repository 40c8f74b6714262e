import { ContractViolationError } from '@vigil/contracts';

/** Position after the last case of a page: cases are listed newest first, then by id. */
export interface CaseCursor {
  created_at: Date;
  case_id: string;
}

export function encodeCursor(cursor: CaseCursor): string {
  const text = JSON.stringify([cursor.created_at.toISOString(), cursor.case_id]);

  return Buffer.from(text, 'utf8').toString('base64url');
}

/** @throws ContractViolationError naming `cursor` when it is not one this API returned. */
export function decodeCursor(text: string): CaseCursor {
  try {
    const [createdAt, caseId] = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    const date = new Date(createdAt);
    if (typeof caseId !== 'string' || Number.isNaN(date.getTime())) {
      throw new Error('malformed cursor');
    }

    return { created_at: date, case_id: caseId };
  } catch {
    throw new ContractViolationError('invalid request: check cursor', [
      { field: 'cursor', message: 'cursor must be the next_cursor of a previous page' },
    ]);
  }
}

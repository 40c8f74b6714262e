import { ContractViolationError } from '@vigil/contracts';
import { decodeCursor, encodeCursor } from './review-case.cursor';

describe('review case cursor', () => {
  it('decodes what it encoded', () => {
    const cursor = { created_at: new Date('2024-08-20T10:00:00.123Z'), case_id: 'a_1' };

    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
  });

  it.each(['', 'not-base64!', Buffer.from('[1,2]').toString('base64url')])(
    'rejects %j naming the cursor field',
    (text) => {
      let caught: unknown;
      try {
        decodeCursor(text);
      } catch (error) {
        caught = error;
      }

      expect(caught).toBeInstanceOf(ContractViolationError);
      expect((caught as ContractViolationError).violations[0].field).toBe('cursor');
    },
  );
});

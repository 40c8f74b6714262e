import { ContractViolationError } from '@vigil/contracts';
import { afterPosition, decodeCursor, encodeCursor } from './page-cursor';

describe('page cursor', () => {
  it('round-trips a position', () => {
    const position = { created_at: new Date('2026-12-04T10:00:00.123Z'), id: 's_1' };

    expect(decodeCursor(encodeCursor(position))).toEqual(position);
  });

  it.each(['', 'not base64 json', Buffer.from('{"a":1}').toString('base64url')])(
    'rejects %j naming the cursor field',
    (cursor) => {
      const error = (() => {
        try {
          decodeCursor(cursor);
        } catch (caught) {
          return caught as ContractViolationError;
        }
      })();

      expect(error).toBeInstanceOf(ContractViolationError);
      expect(error?.violations[0].field).toBe('cursor');
    },
  );

  it('filters nothing on the first page and older items after a position', () => {
    const at = new Date(1000);

    expect(afterPosition(undefined)).toEqual({});
    expect(afterPosition({ created_at: at, id: 's_9' })).toEqual({
      $or: [{ created_at: { $lt: at } }, { created_at: at, _id: { $lt: 's_9' } }],
    });
  });
});

import { AnyBulkWriteOperation, Model } from 'mongoose';

/**
 * Statements per bulkWrite. FerretDB v1.24 on SQLite hangs for good when one update command, or
 * several running at once, hold 100 or more statements (see docs/infrastructure.md), so bulk
 * writes stay well below that and run one after another.
 */
export const BULK_WRITE_CHUNK_SIZE = 25;

/** Runs `operations` as sequential bulkWrites of at most `BULK_WRITE_CHUNK_SIZE` statements. */
export async function bulkWriteInChunks<T extends object>(
  model: Model<T>,
  operations: AnyBulkWriteOperation<T>[],
  options: { ordered: boolean },
): Promise<void> {
  for (let start = 0; start < operations.length; start += BULK_WRITE_CHUNK_SIZE) {
    const chunk = operations.slice(start, start + BULK_WRITE_CHUNK_SIZE);
    await model.bulkWrite(chunk as never, options);
  }
}

/**
 * Runs `run` for each item with at most `limit` calls in flight, and returns the results in the
 * order of `items`. The first rejection rejects the whole call, but calls already started still
 * run to their end.
 */
export async function mapConcurrently<T, R>(
  items: readonly T[],
  limit: number,
  run: (item: T) => Promise<R>,
): Promise<R[]> {
  if (!Number.isInteger(limit) || limit < 1) {
    throw new RangeError(
      `concurrency limit ${limit} is invalid; pass a whole number of at least 1`,
    );
  }
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next;
      next += 1;
      results[index] = await run(items[index]);
    }
  };
  const workers = Array.from({ length: Math.min(limit, items.length) }, worker);
  await Promise.all(workers);

  return results;
}

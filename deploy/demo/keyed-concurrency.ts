/**
 * Runs `worker` on `items` in order with at most `limit` calls in flight. Two calls for the same
 * key never run at once, because an item waits for the previous item of its key. After a worker
 * throws, no further item starts, the calls in flight finish, and the first error is thrown.
 */
export async function runInOrderPerKey<T>(
  items: Iterable<T>,
  keyOf: (item: T) => string,
  limit: number,
  worker: (item: T) => Promise<void>,
): Promise<void> {
  if (!Number.isInteger(limit) || limit < 1) {
    throw new Error(`concurrency limit ${limit} must be a positive integer`);
  }
  const running = new Set<Promise<void>>();
  const tails = new Map<string, Promise<void>>();
  let failure: { error: unknown } | undefined;
  for (const item of items) {
    while (running.size >= limit && !failure) {
      await Promise.race(running);
    }
    if (failure) {
      break;
    }
    const key = keyOf(item);
    const previous = tails.get(key) ?? Promise.resolve();
    const call: Promise<void> = previous
      .then(() => (failure ? undefined : worker(item)))
      .catch((error: unknown) => {
        failure ??= { error };
      })
      .finally(() => {
        running.delete(call);
        if (tails.get(key) === call) {
          tails.delete(key);
        }
      });
    running.add(call);
    tails.set(key, call);
  }
  await Promise.all(running);
  if (failure) {
    throw failure.error;
  }
}

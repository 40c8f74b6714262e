const pending = new Map<number, string>();
let nextId = 0;

/**
 * Runs one step of a shutdown (stopping a consumer, closing a worker) and records it as pending
 * until it settles, so a shutdown that runs out of time can log what was still open.
 */
export async function trackShutdownStep<T>(name: string, step: () => Promise<T>): Promise<T> {
  const id = (nextId += 1);
  pending.set(id, name);
  try {
    return await step();
  } finally {
    pending.delete(id);
  }
}

/** Returns the names of the shutdown steps that have started and not yet settled. */
export function pendingShutdownSteps(): string[] {
  return [...pending.values()];
}

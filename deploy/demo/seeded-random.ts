/** The seed of every random choice in the replay, so two runs send the same traffic. */
export const DEFAULT_REPLAY_SEED = 20200203;

/**
 * A small deterministic generator (mulberry32) returning floats in [0, 1). It is for picking demo
 * traffic, never for anything secret.
 */
export function createSeededRandom(seed: number): () => number {
  let state = seed >>> 0;

  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);

    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Returns an integer in [min, max], both included. */
export function randomInteger(random: () => number, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

/** Returns `count` distinct items of `items`, in the order drawn (a partial Fisher-Yates shuffle). */
export function sampleWithoutReplacement<T>(
  random: () => number,
  items: readonly T[],
  count: number,
): T[] {
  if (count > items.length) {
    throw new Error(`cannot draw ${count} distinct items from ${items.length}; lower the count`);
  }
  const pool = [...items];
  for (let i = 0; i < count; i += 1) {
    const j = randomInteger(random, i, pool.length - 1);
    [pool[i], pool[j]] = [pool[j], pool[i]];
  }

  return pool.slice(0, count);
}

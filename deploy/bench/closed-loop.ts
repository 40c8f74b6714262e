/** Counts and latencies of a closed-loop load run within its measurement window. */
export interface LoopResult {
  /** Units (records or events) completed in the window. */
  completed: number;
  errors: number;
  seconds: number;
  /** Latency of each call completed in the window, in milliseconds. */
  latenciesMs: number[];
}

/**
 * Runs `call` from `concurrency` loops, each starting its next call when the previous one ends,
 * for `warmupMs` and then `measureMs`. Only calls that start and end inside the measurement window
 * count. `call` returns how many units it completed.
 */
export async function runClosedLoop(
  concurrency: number,
  warmupMs: number,
  measureMs: number,
  call: () => Promise<number>,
): Promise<LoopResult> {
  const start = performance.now();
  const windowStart = start + warmupMs;
  const windowEnd = windowStart + measureMs;
  const result: LoopResult = {
    completed: 0,
    errors: 0,
    seconds: measureMs / 1000,
    latenciesMs: [],
  };
  const loop = async () => {
    while (performance.now() < windowEnd) {
      const callStart = performance.now();
      let units = 0;
      let failed = false;
      try {
        units = await call();
      } catch {
        failed = true;
      }
      const callEnd = performance.now();
      if (callStart >= windowStart && callEnd <= windowEnd) {
        result.completed += units;
        result.errors += failed ? 1 : 0;
        result.latenciesMs.push(callEnd - callStart);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, loop));

  return result;
}

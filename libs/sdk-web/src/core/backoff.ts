/** Delays between retries of a failed call. */
export interface BackoffPolicy {
  /** Delay before the first retry, in milliseconds. */
  initialDelayMs: number;
  /** Upper bound of any delay, in milliseconds. */
  maxDelayMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { initialDelayMs: 1_000, maxDelayMs: 60_000 };

/**
 * Returns the delay before retry number `attempt` (1 for the first retry). It is the initial
 * delay doubled per attempt and capped, then scaled by a random factor in [0.5, 1), so that many
 * browsers cut off by one outage do not all retry at the same moment.
 */
export function backoffDelayMs(
  attempt: number,
  policy: BackoffPolicy = DEFAULT_BACKOFF,
  random: () => number = Math.random,
): number {
  const exponent = Math.max(0, Math.min(attempt - 1, 30));
  const ceiling = Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** exponent);

  return Math.round(ceiling * (0.5 + random() / 2));
}

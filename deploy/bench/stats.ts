/** Median and spread of one quantity over several runs. */
export interface Spread {
  median: number;
  min: number;
  max: number;
  runs: number;
}

/** Returns the q-quantile (0..1) of `values` by linear interpolation between closest ranks. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) {
    return Number.NaN;
  }
  const sorted = [...values].sort((a, b) => a - b);
  const position = (sorted.length - 1) * q;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  const weight = position - lower;

  return sorted[lower] * (1 - weight) + sorted[upper] * weight;
}

/** Summarizes the per-run values of one quantity; NaN fields when there were no runs. */
export function spreadOf(values: readonly number[]): Spread {
  const finite = values.filter((value) => Number.isFinite(value));

  return {
    median: quantile(finite, 0.5),
    min: finite.length > 0 ? Math.min(...finite) : Number.NaN,
    max: finite.length > 0 ? Math.max(...finite) : Number.NaN,
    runs: finite.length,
  };
}

/** Per-run ratios `numerator[i] / denominator[i]`, so that each ratio comes from one run. */
export function pairedRatios(numerator: readonly number[], denominator: readonly number[]) {
  const count = Math.min(numerator.length, denominator.length);

  return Array.from({ length: count }, (_, index) => numerator[index] / denominator[index]);
}

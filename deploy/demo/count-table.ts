import { CountRow } from './replay.types';

/** Counts occurrences of each label, most frequent first, ties by label. */
export function countBy<T>(items: Iterable<T>, labelOf: (item: T) => string): CountRow[] {
  const counts = new Map<string, number>();
  for (const item of items) {
    const label = labelOf(item);
    counts.set(label, (counts.get(label) ?? 0) + 1);
  }

  return [...counts].map(([label, count]) => ({ label, count })).sort(byCountThenLabel);
}

/**
 * Returns how many groups have each size, by ascending size: e.g. users with 1 row, with 2 rows.
 */
export function sizeHistogram(sizes: Iterable<number>): CountRow[] {
  const counts = new Map<number, number>();
  for (const size of sizes) {
    counts.set(size, (counts.get(size) ?? 0) + 1);
  }

  return [...counts]
    .sort(([a], [b]) => a - b)
    .map(([size, count]) => ({ label: String(size), count }));
}

function byCountThenLabel(a: CountRow, b: CountRow): number {
  return b.count - a.count || a.label.localeCompare(b.label);
}

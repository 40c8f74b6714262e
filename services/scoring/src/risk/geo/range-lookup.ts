import * as ipaddr from 'ipaddr.js';
import * as path from 'node:path';
import { VigilError } from '@vigil/contracts';

/** Sorted, non-overlapping address ranges as typed columns, the shape both IP databases share. */
export interface RangeBounds {
  firsts: ArrayLike<number | bigint>;
  lasts: ArrayLike<number | bigint>;
  size: number;
}

/**
 * Returns the row of the last range that starts at or below `value`, or undefined when `value`
 * falls between ranges. The files are sorted by start, so a bisection finds it.
 */
export function findRangeRow(table: RangeBounds, value: number | bigint): number | undefined {
  const { firsts } = table;
  let low = 0;
  let high = table.size - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    if (firsts[middle] <= value) {
      found = middle;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  if (found < 0 || table.lasts[found] < value) {
    return undefined;
  }

  return found;
}

/**
 * Returns whether `ip` is a public unicast address. The packages list some private ranges, such
 * as 192.168.0.0/16, under a country, so those are never looked up.
 */
export function isPublicUnicast(ip: string): boolean {
  try {
    return ipaddr.process(ip).range() === 'unicast';
  } catch {
    return false;
  }
}

/**
 * Returns the folder of an installed data package.
 *
 * @throws VigilError with `code` when the package is not installed.
 */
export function installedPackageDirectory(packageName: string, code: string): string {
  try {
    return path.dirname(require.resolve(`${packageName}/package.json`));
  } catch (error) {
    throw new VigilError(
      `${packageName} is not installed; run npm ci in the repository root`,
      code,
      false,
      { cause: (error as Error).message },
    );
  }
}

/** Returns a function that gives each distinct text one index into `texts`, in first-seen order. */
export function interner(texts: string[]): (text: string) => number {
  const indexOf = new Map<string, number>();

  return (text) => {
    let index = indexOf.get(text);
    if (index === undefined) {
      index = texts.push(text) - 1;
      indexOf.set(text, index);
    }

    return index;
  };
}

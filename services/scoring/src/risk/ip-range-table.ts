/** Label of one range of a list. */
export interface IpRangeLabel {
  /** The range as the list wrote it: a CIDR, `first-last`, or a single address. */
  range: string;
  provider?: string;
}

/** One inclusive range of a list, with addresses as unsigned integers. */
export interface IpRangeRow<T extends number | bigint> {
  first: T;
  last: T;
  label: IpRangeLabel;
}

/**
 * Ranges of one address family sorted by first address, searched by bisection. Ranges may
 * overlap: `maxLast[i]` is the highest last address among rows 0..i, so the search walks back
 * from the last row starting at or below the address only while an earlier row can still
 * contain it. On lists without overlaps, such as the shipped ones, a lookup is one bisection.
 */
export class IpRangeTable<T extends number | bigint> {
  private readonly firsts: T[];
  private readonly lasts: T[];
  private readonly maxLasts: T[];
  private readonly labels: IpRangeLabel[];

  constructor(rows: IpRangeRow<T>[]) {
    const sorted = [...rows].sort((a, b) => compare(a.first, b.first));
    this.firsts = sorted.map((row) => row.first);
    this.lasts = sorted.map((row) => row.last);
    this.labels = sorted.map((row) => row.label);
    this.maxLasts = [];
    for (const [index, last] of this.lasts.entries()) {
      const previous = index === 0 ? last : this.maxLasts[index - 1];
      this.maxLasts.push(previous > last ? previous : last);
    }
  }

  get size(): number {
    return this.firsts.length;
  }

  /** Returns the label of the range that contains `value` and starts closest below it. */
  find(value: T): IpRangeLabel | undefined {
    for (let index = this.lastStartingAtOrBelow(value); index >= 0; index -= 1) {
      if (this.maxLasts[index] < value) {
        return undefined;
      }
      if (this.lasts[index] >= value) {
        return this.labels[index];
      }
    }

    return undefined;
  }

  private lastStartingAtOrBelow(value: T): number {
    let low = 0;
    let high = this.firsts.length - 1;
    let found = -1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      if (this.firsts[middle] <= value) {
        found = middle;
        low = middle + 1;
      } else {
        high = middle - 1;
      }
    }

    return found;
  }
}

function compare<T extends number | bigint>(a: T, b: T): number {
  if (a === b) {
    return 0;
  }

  return a < b ? -1 : 1;
}

import { existsSync, readFileSync } from 'node:fs';

/** Totals written by store-command-counter.js inside the session service. */
export interface StoreCounts {
  commands: Record<string, number>;
  update_statements: number;
  consumer_batches: Record<string, { batches: number; records: number; session_batches: number }>;
}

const EMPTY: StoreCounts = { commands: {}, update_statements: 0, consumer_batches: {} };

export function readStoreCounts(file: string): StoreCounts {
  if (!existsSync(file)) {
    return EMPTY;
  }

  return { ...EMPTY, ...(JSON.parse(readFileSync(file, 'utf8')) as Partial<StoreCounts>) };
}

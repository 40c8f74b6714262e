import { spreadOf } from './stats';

/** Formats a number with `digits` decimals and thousands separators; "n/a" when not finite. */
export function formatNumber(value: number, digits = 0): string {
  if (!Number.isFinite(value)) {
    return 'n/a';
  }

  return value.toLocaleString('en-US', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
}

/** Formats per-run values as "median (min-max)", or the single value of a single run. */
export function formatSpread(values: readonly number[], digits = 0): string {
  const spread = spreadOf(values);
  if (spread.runs <= 1) {
    return formatNumber(spread.median, digits);
  }

  return `${formatNumber(spread.median, digits)} (${formatNumber(spread.min, digits)}–${formatNumber(
    spread.max,
    digits,
  )})`;
}

/** Renders a markdown table. */
export function markdownTable(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;

  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

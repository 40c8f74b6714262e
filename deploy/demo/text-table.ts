export type ColumnAlign = 'left' | 'right';

export interface TableColumn {
  header: string;
  align?: ColumnAlign;
}

/** Renders rows as a plain-text table with aligned columns, a header line and a rule under it. */
export function formatTable(columns: readonly TableColumn[], rows: readonly string[][]): string {
  const widths = columns.map((column, index) =>
    Math.max(column.header.length, ...rows.map((row) => (row[index] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    columns
      .map((column, index) => pad(cells[index] ?? '', widths[index], column.align ?? 'left'))
      .join('  ')
      .trimEnd();
  const header = line(columns.map((column) => column.header));
  const rule = widths.map((width) => '-'.repeat(width)).join('  ');

  return [header, rule, ...rows.map(line)].join('\n');
}

function pad(text: string, width: number, align: ColumnAlign): string {
  return align === 'right' ? text.padStart(width) : text.padEnd(width);
}

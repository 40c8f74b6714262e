import { VigilError } from '@vigil/contracts';
import { formatIpv4, parseCidr, parseIp, ParsedIpRange, rangeOfAddress } from './ip-address';
import { IpRangeLabel } from './ip-range-table';

/**
 * Line formats of the shipped lists: `cidr` is one `address/prefix` a line, `address` one
 * address a line, `ipcat-csv` is `first_ip,last_ip,provider,provider_url` with quoted fields.
 */
export type IpListFormat = 'cidr' | 'address' | 'ipcat-csv';

/** One range read from a list file. */
export interface IpListRow {
  range: ParsedIpRange;
  label: IpRangeLabel;
}

/**
 * Parses the text of a list file. Blank lines and lines starting with `#` are skipped.
 *
 * @throws VigilError `invalid_ip_list` naming the file and line of the first malformed line.
 */
export function parseIpList(text: string, format: IpListFormat, fileName: string): IpListRow[] {
  const rows: IpListRow[] = [];
  for (const [index, rawLine] of text.split('\n').entries()) {
    const line = rawLine.trim();
    if (line === '' || line.startsWith('#')) {
      continue;
    }
    const row = parseLine(line, format);
    if (row === undefined) {
      throw new VigilError(
        `Invalid ${format} line ${index + 1} in IP list ${fileName}: ${JSON.stringify(line)}; ` +
          'fix or remove the line, or remove the file from the IP reputation directory',
        'invalid_ip_list',
        false,
        { file: fileName, line: index + 1 },
      );
    }
    rows.push(row);
  }

  return rows;
}

function parseLine(line: string, format: IpListFormat): IpListRow | undefined {
  if (format === 'cidr') {
    const range = parseCidr(line);

    return range && { range, label: { range: line } };
  }
  if (format === 'address') {
    const address = parseIp(line);

    return address && { range: rangeOfAddress(address), label: { range: line } };
  }

  return parseIpcatLine(line);
}

function parseIpcatLine(line: string): IpListRow | undefined {
  const [firstText, lastText, provider] = splitCsvLine(line);
  const first = parseIp(firstText ?? '');
  const last = parseIp(lastText ?? '');
  if (first?.family !== 'ipv4' || last?.family !== 'ipv4' || last.value < first.value) {
    return undefined;
  }
  const range = `${formatIpv4(first.value)}-${formatIpv4(last.value)}`;
  const label: IpRangeLabel = provider ? { range, provider } : { range };

  return { range: { family: 'ipv4', first: first.value, last: last.value }, label };
}

/** Splits one CSV line (RFC 4180 quoting, no line breaks inside fields). */
function splitCsvLine(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let index = 0; index < line.length; index += 1) {
    const char = line[index];
    if (quoted && char === '"' && line[index + 1] === '"') {
      field += '"';
      index += 1;
    } else if (char === '"') {
      quoted = !quoted;
    } else if (char === ',' && !quoted) {
      fields.push(field);
      field = '';
    } else {
      field += char;
    }
  }
  fields.push(field);

  return fields;
}

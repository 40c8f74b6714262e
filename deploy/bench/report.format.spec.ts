import { formatNumber, formatSpread, markdownTable } from './report.format';

describe('formatNumber', () => {
  it('adds separators and decimals', () => {
    expect(formatNumber(12345.678, 1)).toBe('12,345.7');
  });

  it('prints n/a for NaN', () => {
    expect(formatNumber(Number.NaN)).toBe('n/a');
  });
});

describe('formatSpread', () => {
  it('prints median and range', () => {
    expect(formatSpread([3, 1, 2])).toBe('2 (1–3)');
  });

  it('prints a single run alone', () => {
    expect(formatSpread([2.25], 1)).toBe('2.3');
  });
});

describe('markdownTable', () => {
  it('renders header, rule and rows', () => {
    expect(markdownTable(['a', 'b'], [['1', '2']])).toBe('| a | b |\n| --- | --- |\n| 1 | 2 |');
  });
});

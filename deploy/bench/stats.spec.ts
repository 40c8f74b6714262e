import { pairedRatios, quantile, spreadOf } from './stats';

describe('quantile', () => {
  it('interpolates between ranks', () => {
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([10, 0, 5], 0.5)).toBe(5);
  });

  it('returns the extremes at 0 and 1', () => {
    expect(quantile([3, 1, 2], 0)).toBe(1);
    expect(quantile([3, 1, 2], 1)).toBe(3);
  });

  it('returns NaN for no values', () => {
    expect(quantile([], 0.99)).toBeNaN();
  });
});

describe('spreadOf', () => {
  it('summarizes runs', () => {
    expect(spreadOf([30, 10, 20])).toEqual({ median: 20, min: 10, max: 30, runs: 3 });
  });

  it('ignores runs without a value', () => {
    expect(spreadOf([Number.NaN, 4])).toEqual({ median: 4, min: 4, max: 4, runs: 1 });
  });
});

describe('pairedRatios', () => {
  it('divides run by run', () => {
    expect(pairedRatios([10, 30], [20, 60, 90])).toEqual([0.5, 0.5]);
  });
});

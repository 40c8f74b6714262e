import { CLOCK_SKEW_TOLERANCE_MS, readDeviceClock } from './clock-skew';

const RECEIVED = new Date('2026-12-04T12:00:00.000Z');

describe(readDeviceClock.name, () => {
  it('accepts a clock within the tolerance', () => {
    const reading = readDeviceClock(RECEIVED.getTime() - 1_500, RECEIVED);

    expect(reading).toEqual({ skew_ms: -1_500, in_seconds: false, skewed: false });
  });

  it('flags a clock hours in the future', () => {
    const reading = readDeviceClock(RECEIVED.getTime() + 3 * 3600_000, RECEIVED);

    expect(reading).toEqual({ skew_ms: 3 * 3600_000, in_seconds: false, skewed: true });
  });

  it('reads seconds as seconds and flags them', () => {
    const reading = readDeviceClock(Math.floor(RECEIVED.getTime() / 1000) - 2, RECEIVED);

    expect(reading).toEqual({ skew_ms: -2_000, in_seconds: true, skewed: true });
  });

  it('flags a skew just over the tolerance but not one at it', () => {
    expect(readDeviceClock(RECEIVED.getTime() - CLOCK_SKEW_TOLERANCE_MS, RECEIVED).skewed).toBe(
      false,
    );
    expect(readDeviceClock(RECEIVED.getTime() - CLOCK_SKEW_TOLERANCE_MS - 1, RECEIVED).skewed).toBe(
      true,
    );
  });
});

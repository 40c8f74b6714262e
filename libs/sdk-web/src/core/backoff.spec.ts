import { backoffDelayMs } from './backoff';

describe('backoffDelayMs', () => {
  const policy = { initialDelayMs: 1_000, maxDelayMs: 60_000 };

  it('doubles per attempt at the top of the jitter range', () => {
    const top = () => 0.999999;

    expect(backoffDelayMs(1, policy, top)).toBe(1_000);
    expect(backoffDelayMs(2, policy, top)).toBe(2_000);
    expect(backoffDelayMs(4, policy, top)).toBe(8_000);
  });

  it('halves the delay at the bottom of the jitter range', () => {
    expect(backoffDelayMs(3, policy, () => 0)).toBe(2_000);
  });

  it('caps the delay at the maximum', () => {
    expect(backoffDelayMs(12, policy, () => 0.999999)).toBe(60_000);
    expect(backoffDelayMs(1_000, policy, () => 0.999999)).toBe(60_000);
  });
});

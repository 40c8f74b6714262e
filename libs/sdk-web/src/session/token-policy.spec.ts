import { decideTokenUse, TokenState } from './token-policy';

describe('decideTokenUse', () => {
  const policy = { refreshMarginMs: 60_000, confirmAfterMs: 5_000 };
  const now = 1_000_000;
  const fresh: TokenState = { expiresAt: now + 3_600_000, confirmedAt: now - 1_000, ended: false };

  it('uses a fresh token for the SDK and the app', () => {
    expect(decideTokenUse(fresh, now, false, policy)).toBe('use');
    expect(decideTokenUse(fresh, now, true, policy)).toBe('use');
  });

  it('refreshes a token near expiry', () => {
    const state = { ...fresh, expiresAt: now + 59_000 };

    expect(decideTokenUse(state, now, false, policy)).toBe('refresh');
  });

  it('refreshes after the gateway said the session ended', () => {
    expect(decideTokenUse({ ...fresh, ended: true }, now, false, policy)).toBe('refresh');
  });

  it('refreshes an unconfirmed token only for the app', () => {
    const state = { ...fresh, confirmedAt: now - 6_000 };

    expect(decideTokenUse(state, now, false, policy)).toBe('use');
    expect(decideTokenUse(state, now, true, policy)).toBe('refresh');
  });
});

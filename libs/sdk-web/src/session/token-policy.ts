/** State of the session token, as the SDK last saw it. */
export interface TokenState {
  /** When the token's signature expires, epoch milliseconds. */
  expiresAt: number;
  /** When the gateway last accepted the token, epoch milliseconds. */
  confirmedAt: number;
  /** True after the gateway returned `token_expired` or `token_revoked`, because the session ended. */
  ended: boolean;
}

/** When a session token is refreshed before use. */
export interface TokenPolicy {
  /** Refresh a token that expires within this many milliseconds. */
  refreshMarginMs: number;
  /**
   * Refresh before handing the token to the app when the gateway has not accepted it for this
   * many milliseconds, because the session may have ended on the server since (idle timeout or
   * revocation), which the token itself does not show.
   */
  confirmAfterMs: number;
}

export const DEFAULT_TOKEN_POLICY: TokenPolicy = { refreshMarginMs: 60_000, confirmAfterMs: 1_000 };

export type TokenDecision = 'use' | 'refresh';

/**
 * Decides whether a token is used as it is or refreshed first. `forApp` is true when the token
 * goes to the app, which passes it to its backend and cannot retry on `token_expired` the way
 * the SDK's own calls do.
 */
export function decideTokenUse(
  state: TokenState,
  now: number,
  forApp: boolean,
  policy: TokenPolicy = DEFAULT_TOKEN_POLICY,
): TokenDecision {
  if (state.ended || state.expiresAt - now <= policy.refreshMarginMs) {
    return 'refresh';
  }
  if (forApp && now - state.confirmedAt > policy.confirmAfterMs) {
    return 'refresh';
  }

  return 'use';
}

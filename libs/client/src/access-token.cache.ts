import { AccessToken } from './client.types';

/** How long before expiry a cached access token is replaced, at most half its lifetime. */
export const DEFAULT_REFRESH_MARGIN_MS = 60_000;

interface CachedToken {
  value: string;
  refreshAtMs: number;
}

/**
 * Caches one access token until shortly before it expires. Concurrent callers share a single
 * token request, so a burst of backend calls fetches one token.
 */
export class AccessTokenCache {
  private cached?: CachedToken;
  private inFlight?: Promise<string>;

  constructor(
    private readonly fetchToken: () => Promise<AccessToken>,
    private readonly refreshMarginMs: number = DEFAULT_REFRESH_MARGIN_MS,
    private readonly now: () => number = Date.now,
  ) {}

  /** Returns a valid access token, fetching one when none is cached or the cached one is due. */
  async get(): Promise<string> {
    if (this.cached && this.now() < this.cached.refreshAtMs) {
      return this.cached.value;
    }
    this.inFlight ??= this.refresh().finally(() => {
      this.inFlight = undefined;
    });

    return this.inFlight;
  }

  /** Drops `token` from the cache, unless another caller has already replaced it. */
  invalidate(token: string): void {
    if (this.cached?.value === token) {
      this.cached = undefined;
    }
  }

  private async refresh(): Promise<string> {
    const token = await this.fetchToken();
    const lifetimeMs = token.expiresInSeconds * 1000;
    const marginMs = Math.min(this.refreshMarginMs, lifetimeMs / 2);
    this.cached = { value: token.accessToken, refreshAtMs: this.now() + lifetimeMs - marginMs };

    return token.accessToken;
  }
}

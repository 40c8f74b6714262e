import { AccessTokenCache } from './access-token.cache';
import { AccessToken } from './client.types';

describe(AccessTokenCache.name, () => {
  let nowMs: number;
  let issued: number;
  let fetchToken: () => Promise<AccessToken>;

  beforeEach(() => {
    nowMs = 0;
    issued = 0;
    fetchToken = async () => {
      issued += 1;

      return { accessToken: `token-${issued}`, tokenType: 'Bearer', expiresInSeconds: 3600 };
    };
  });

  it('refreshes one margin before expiry', async () => {
    const cache = new AccessTokenCache(fetchToken, 60_000, () => nowMs);

    await cache.get();
    nowMs = 3_540_000 - 1;
    const beforeMargin = await cache.get();
    nowMs = 3_540_000;
    const atMargin = await cache.get();

    expect(beforeMargin).toBe('token-1');
    expect(atMargin).toBe('token-2');
  });

  it('invalidate ignores a token already replaced', async () => {
    const cache = new AccessTokenCache(fetchToken, 60_000, () => nowMs);
    await cache.get();
    cache.invalidate('token-1');
    await cache.get();

    cache.invalidate('token-1');

    expect(await cache.get()).toBe('token-2');
  });

  it('rethrows a failed fetch and retries on the next call', async () => {
    let attempts = 0;
    const cache = new AccessTokenCache(async () => {
      attempts += 1;
      if (attempts === 1) {
        throw new Error('token endpoint down');
      }

      return fetchToken();
    });

    await expect(cache.get()).rejects.toThrow('token endpoint down');
    expect(await cache.get()).toBe('token-1');
  });
});

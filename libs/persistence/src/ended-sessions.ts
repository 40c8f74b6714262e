import { Redis } from 'ioredis';

/** The reason a device session no longer accepts events. */
export type SessionEnd = 'expired' | 'revoked';

const KEY_PREFIX = 'vigil:session-ended:';
/** Kept a while past the token's own expiry, so clocks that disagree a little change nothing. */
const MARGIN_MS = 60 * 60 * 1000;
const SESSION_ENDS: readonly string[] = ['expired', 'revoked'];

/**
 * Marks of ended device sessions in Redis, so the gateway rejects a session token that is still
 * signed and unexpired without reading MongoDB. A mark lives until the token would expire anyway.
 */
export class EndedSessions {
  constructor(private readonly redis: Redis) {}

  /** Records that the session ended; `tokenExpiresAt` is when its session token stops working. */
  async record(sessionId: string, end: SessionEnd, tokenExpiresAt: Date): Promise<void> {
    const ttlMs = Math.max(tokenExpiresAt.getTime() - Date.now(), 0) + MARGIN_MS;
    // A revocation is never turned back into a plain expiry.
    if (end === 'revoked') {
      await this.redis.set(keyOf(sessionId), end, 'PX', ttlMs);
    } else {
      await this.redis.set(keyOf(sessionId), end, 'PX', ttlMs, 'NX');
    }
  }

  async find(sessionId: string): Promise<SessionEnd | undefined> {
    const end = await this.redis.get(keyOf(sessionId));

    return end !== null && SESSION_ENDS.includes(end) ? (end as SessionEnd) : undefined;
  }
}

function keyOf(sessionId: string): string {
  return `${KEY_PREFIX}${sessionId}`;
}

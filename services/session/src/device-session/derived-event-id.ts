import { createHash } from 'node:crypto';

/**
 * Returns the id of an event this service derives from another one (or from a session), the same
 * for every retry and replay, so consumers can recognise a republished event. The id is a SHA-256
 * in base64url: 43 characters that fit the envelope's id pattern, whatever the source id is.
 */
export function derivedEventId(kind: string, sourceId: string): string {
  return createHash('sha256').update(`${kind}\u0000${sourceId}`).digest('base64url');
}

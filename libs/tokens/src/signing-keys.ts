/** A named HMAC key; the name goes into each token's `kid` header. */
export interface SigningKey {
  id: string;
  secret: string;
}

const MIN_SECRET_LENGTH = 32;

/**
 * Parses `id:secret,id:secret`. The first key signs new tokens; every key verifies, so a rotation
 * adds the new key in front and keeps the old one until the tokens it signed have expired.
 *
 * @throws Error naming the entry that is malformed or too short.
 */
export function parseSigningKeys(value: string): SigningKey[] {
  const keys = value.split(',').map((entry, index) => {
    const separator = entry.indexOf(':');
    const id = entry.slice(0, separator).trim();
    const secret = entry.slice(separator + 1).trim();
    if (separator <= 0 || !/^[A-Za-z0-9_-]{1,32}$/.test(id)) {
      throw new Error(`signing key ${index + 1} must look like id:secret with a short id`);
    }
    if (secret.length < MIN_SECRET_LENGTH) {
      throw new Error(`signing key ${id} must be at least ${MIN_SECRET_LENGTH} characters`);
    }

    return { id, secret };
  });
  const ids = new Set(keys.map((key) => key.id));
  if (ids.size !== keys.length) {
    throw new Error('signing key ids must be unique');
  }

  return keys;
}

import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

const scryptAsync = promisify(scrypt) as (
  password: string,
  salt: Buffer,
  keylen: number,
) => Promise<Buffer>;

const KEY_LENGTH = 32;

/** Returns a new random client secret, 32 bytes in base64url. */
export function generateClientSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** Hashes a client secret as `scrypt$<salt>$<hash>`, both base64url. */
export async function hashClientSecret(secret: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scryptAsync(secret, salt, KEY_LENGTH);

  return `scrypt$${salt.toString('base64url')}$${hash.toString('base64url')}`;
}

/** Compares a presented secret with a stored hash in constant time. */
export async function verifyClientSecret(secret: string, stored: string): Promise<boolean> {
  const [scheme, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) {
    return false;
  }
  const expected = Buffer.from(hash, 'base64url');
  const actual = await scryptAsync(secret, Buffer.from(salt, 'base64url'), expected.length);

  return timingSafeEqual(actual, expected);
}

import { createSecretKey, KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { VigilError } from '@vigil/contracts';
import { SigningKey } from './signing-keys';

export type TokenKind = 'session' | 'access' | 'action';

/** A token that is malformed, forged, expired, or of another kind than expected. */
export class TokenRejectedError extends VigilError {
  constructor(message: string, code: 'invalid_token' | 'token_expired' | 'token_revoked') {
    super(message, code, false);
  }
}

/**
 * Signs and verifies the compact HS256 tokens the gateway issues. A token names its kind in
 * `typ`, so an action token is never accepted where a session token is expected.
 */
export class TokenCodec {
  private readonly keysById: Map<string, SigningKey & { keyObject: KeyObject }>;
  private readonly signingKey: SigningKey & { keyObject: KeyObject };

  constructor(keys: SigningKey[]) {
    if (keys.length === 0) {
      throw new Error('at least one signing key is required');
    }
    // jsonwebtoken 9 first tries to parse a string secret as a PEM key. That failed parse took
    // about a quarter of the gateway's CPU under load, and a secret KeyObject skips it.
    const withKeyObjects = keys.map((key) => ({
      ...key,
      keyObject: createSecretKey(Buffer.from(key.secret, 'utf8')),
    }));
    this.signingKey = withKeyObjects[0];
    this.keysById = new Map(withKeyObjects.map((key) => [key.id, key]));
  }

  sign(kind: TokenKind, claims: Record<string, unknown>, expiresInSeconds?: number): string {
    const key = this.signingKey;
    const options: jwt.SignOptions = { algorithm: 'HS256', keyid: key.id };
    if (expiresInSeconds !== undefined) {
      options.expiresIn = expiresInSeconds;
    }

    return jwt.sign({ ...claims, typ: kind }, key.keyObject, options);
  }

  /**
   * Checks the signature, the kind and, unless `ignoreExpiration` is set, the expiry time.
   *
   * @throws TokenRejectedError with code `token_expired` or `invalid_token`.
   */
  verify<T extends object>(
    kind: TokenKind,
    token: string,
    options: { ignoreExpiration?: boolean } = {},
  ): T & { iat: number; exp?: number } {
    const decoded = jwt.decode(token, { complete: true });
    const key = decoded?.header.kid ? this.keysById.get(decoded.header.kid) : undefined;
    if (!key) {
      throw new TokenRejectedError(
        `${kind} token is malformed or signed by an unknown key`,
        'invalid_token',
      );
    }
    let claims: jwt.JwtPayload;
    try {
      claims = jwt.verify(token, key.keyObject, {
        algorithms: ['HS256'],
        ignoreExpiration: options.ignoreExpiration ?? false,
      }) as jwt.JwtPayload;
    } catch (error) {
      if (error instanceof jwt.TokenExpiredError) {
        throw new TokenRejectedError(
          `${kind} token expired at ${error.expiredAt.toISOString()}`,
          'token_expired',
        );
      }
      throw new TokenRejectedError(
        `${kind} token is invalid: ${(error as Error).message}`,
        'invalid_token',
      );
    }
    if (claims.typ !== kind) {
      throw new TokenRejectedError(
        `expected a ${kind} token, got a token of kind ${String(claims.typ)}`,
        'invalid_token',
      );
    }

    return claims as T & { iat: number; exp?: number };
  }
}

import jwt from 'jsonwebtoken';
import { TokenCodec, TokenRejectedError } from './token-codec';
import { parseSigningKeys } from './signing-keys';

const OLD_KEY = { id: 'k1', secret: 'a'.repeat(32) };
const NEW_KEY = { id: 'k2', secret: 'b'.repeat(32) };

function rejection(action: () => unknown): TokenRejectedError {
  try {
    action();
  } catch (error) {
    return error as TokenRejectedError;
  }
  throw new Error('expected the token to be rejected');
}

describe(TokenCodec.name, () => {
  it('round-trips claims of the same kind', () => {
    const codec = new TokenCodec([NEW_KEY]);
    const token = codec.sign('session', { sid: 's1', ten: 't1' }, 60);

    const claims = codec.verify<{ sid: string; ten: string }>('session', token);

    expect(claims.sid).toBe('s1');
    expect(claims.ten).toBe('t1');
    expect(claims.exp! - claims.iat).toBe(60);
  });

  it('verifies tokens of a rotated-out key', () => {
    const before = new TokenCodec([OLD_KEY]).sign('session', { sid: 's1' }, 60);
    const rotated = new TokenCodec([NEW_KEY, OLD_KEY]);

    expect(rotated.verify<{ sid: string }>('session', before).sid).toBe('s1');
    expect(jwt.decode(rotated.sign('session', {}, 60), { complete: true })?.header.kid).toBe('k2');
  });

  it('rejects another kind of token', () => {
    const codec = new TokenCodec([NEW_KEY]);
    const actionToken = codec.sign('action', { aid: 'a1' });

    const error = rejection(() => codec.verify('session', actionToken));

    expect(error.code).toBe('invalid_token');
    expect(error.message).toContain('expected a session token');
  });

  it('rejects an expired token with its own code', () => {
    const codec = new TokenCodec([NEW_KEY]);
    const token = codec.sign('session', { sid: 's1' }, -10);

    expect(rejection(() => codec.verify('session', token)).code).toBe('token_expired');
  });

  it('verifies expired tokens on request', () => {
    const codec = new TokenCodec([NEW_KEY]);
    const token = codec.sign('session', { sid: 's1' }, -10);
    const forged = new TokenCodec([{ id: NEW_KEY.id, secret: 'c'.repeat(32) }]).sign(
      'session',
      { sid: 's1' },
      -10,
    );

    expect(codec.verify<{ sid: string }>('session', token, { ignoreExpiration: true }).sid).toBe(
      's1',
    );
    expect(rejection(() => codec.verify('session', forged, { ignoreExpiration: true })).code).toBe(
      'invalid_token',
    );
  });

  it('rejects a forged signature and an unknown key', () => {
    const codec = new TokenCodec([NEW_KEY]);
    const forged = jwt.sign({ typ: 'session' }, 'c'.repeat(32), {
      algorithm: 'HS256',
      keyid: 'k2',
    });
    const unknown = new TokenCodec([OLD_KEY]).sign('session', {}, 60);

    expect(rejection(() => codec.verify('session', forged)).code).toBe('invalid_token');
    expect(rejection(() => codec.verify('session', unknown)).code).toBe('invalid_token');
    expect(rejection(() => codec.verify('session', 'not-a-token')).code).toBe('invalid_token');
  });

  it('rejects the none algorithm', () => {
    const codec = new TokenCodec([NEW_KEY]);
    const unsigned = jwt.sign({ typ: 'session' }, '', { algorithm: 'none', keyid: 'k2' } as never);

    expect(rejection(() => codec.verify('session', unsigned)).code).toBe('invalid_token');
  });
});

describe(parseSigningKeys.name, () => {
  it('parses keys in order', () => {
    const keys = parseSigningKeys(`k2:${'b'.repeat(32)},k1:${'a'.repeat(32)}`);

    expect(keys.map((key) => key.id)).toEqual(['k2', 'k1']);
  });

  it.each([
    ['short secret', 'k1:short', /at least 32/],
    ['missing id', `:${'a'.repeat(32)}`, /id:secret/],
    ['duplicate ids', `k1:${'a'.repeat(32)},k1:${'b'.repeat(32)}`, /unique/],
  ])('rejects %s', (_, value, message) => {
    expect(() => parseSigningKeys(value)).toThrow(message);
  });
});

import * as crypto from 'node:crypto';
import jwt from 'jsonwebtoken';
import { TokenCodec } from './token-codec';

// jsonwebtoken takes createPublicKey and createPrivateKey from 'crypto' when it loads, so the
// module is wrapped before that to count the calls.
jest.mock('crypto', () => {
  const actual = jest.requireActual<typeof crypto>('crypto');

  return {
    ...actual,
    createPublicKey: jest.fn(actual.createPublicKey),
    createPrivateKey: jest.fn(actual.createPrivateKey),
  };
});

const KEY = { id: 'k1', secret: 's'.repeat(48) };

describe('TokenCodec keys', () => {
  const mocked = jest.requireMock<{
    createPublicKey: jest.Mock;
    createPrivateKey: jest.Mock;
  }>('crypto');

  beforeEach(() => {
    mocked.createPublicKey.mockClear();
    mocked.createPrivateKey.mockClear();
  });

  it('signs without parsing the secret as a private key', () => {
    new TokenCodec([KEY]).sign('session', { sid: 's1' }, 60);

    expect(mocked.createPrivateKey).not.toHaveBeenCalled();
  });

  it('verifies without parsing the secret as a public key', () => {
    const codec = new TokenCodec([KEY]);
    const token = codec.sign('session', { sid: 's1' }, 60);

    codec.verify('session', token);

    expect(mocked.createPublicKey).not.toHaveBeenCalled();
  });

  it('verifies tokens signed with the secret string', () => {
    const token = jwt.sign({ sid: 's1', typ: 'session' }, KEY.secret, {
      algorithm: 'HS256',
      keyid: KEY.id,
      expiresIn: 60,
    });

    expect(new TokenCodec([KEY]).verify<{ sid: string }>('session', token).sid).toBe('s1');
  });

  it('signs tokens the secret string verifies', () => {
    const token = new TokenCodec([KEY]).sign('action', { aid: 'a1' }, 60);

    const claims = jwt.verify(token, KEY.secret, { algorithms: ['HS256'] }) as jwt.JwtPayload;

    expect(claims.aid).toBe('a1');
  });
});

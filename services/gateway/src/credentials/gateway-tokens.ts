import { Injectable } from '@nestjs/common';
import { parseSigningKeys, TokenCodec } from '@vigil/tokens';
import { GatewaySettings } from '../gateway.settings';

/** Claims of a session token: who the device session belongs to. */
export interface SessionClaims {
  ten: string;
  app: string;
  sid: string;
  did: string;
}

/** Claims of an action token: enough to find the recommendation without a session lookup. */
export interface ActionClaims {
  ten: string;
  sid: string;
  did: string;
  aid: string;
  act: string;
}

/** Claims of a backend access token. */
export interface AccessClaims {
  ten: string;
  app: string;
}

/** Issues and checks the gateway's three kinds of token with the configured signing keys. */
@Injectable()
export class GatewayTokens {
  private readonly codec: TokenCodec;

  constructor(private readonly settings: GatewaySettings) {
    this.codec = new TokenCodec(parseSigningKeys(settings.TOKEN_SIGNING_KEYS));
  }

  /** Signs a session token that expires with the session's maximum lifetime. */
  issueSession(
    claims: SessionClaims,
    maxLifetimeSeconds: number,
  ): { token: string; expiresIn: number } {
    return {
      token: this.codec.sign('session', { ...claims }, maxLifetimeSeconds),
      expiresIn: maxLifetimeSeconds,
    };
  }

  /** Issues a new token for the same session, with the current signing key and the same expiry. */
  reissueSession(claims: SessionClaims, expiresAt: Date) {
    const exp = Math.floor(expiresAt.getTime() / 1000);
    const token = this.codec.sign('session', { ...sessionClaimsOf(claims), exp });

    return {
      session_token: token,
      session_id: claims.sid,
      device_id: claims.did,
      expires_in: Math.max(exp - Math.floor(Date.now() / 1000), 0),
    };
  }

  /** Reads a session token whose signature is good, expired or not, for a refresh. */
  readSession(token: string): { claims: SessionClaims; expiresAt: Date } {
    const claims = this.codec.verify<SessionClaims>('session', token, { ignoreExpiration: true });

    return { claims: sessionClaimsOf(claims), expiresAt: new Date((claims.exp ?? 0) * 1000) };
  }

  /** Action tokens do not expire: a recommendation may be fetched for review much later. */
  issueAction(claims: ActionClaims): string {
    return this.codec.sign('action', { ...claims });
  }

  issueAccess(claims: AccessClaims): { token: string; expiresIn: number } {
    const expiresIn = this.settings.ACCESS_TOKEN_TTL_SECONDS;

    return { token: this.codec.sign('access', { ...claims }, expiresIn), expiresIn };
  }

  verifySession(token: string): SessionClaims & { exp?: number } {
    return this.codec.verify<SessionClaims>('session', token);
  }

  verifyAction(token: string): ActionClaims {
    return this.codec.verify<ActionClaims>('action', token);
  }

  verifyAccess(token: string): AccessClaims {
    return this.codec.verify<AccessClaims>('access', token);
  }
}

function sessionClaimsOf(claims: SessionClaims): SessionClaims {
  return { ten: claims.ten, app: claims.app, sid: claims.sid, did: claims.did };
}

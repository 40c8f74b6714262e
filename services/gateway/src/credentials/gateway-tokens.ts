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

  issueSession(claims: SessionClaims): { token: string; expiresIn: number } {
    const expiresIn = this.settings.SESSION_MAX_LIFETIME_SECONDS;

    return { token: this.codec.sign('session', { ...claims }, expiresIn), expiresIn };
  }

  /** Action tokens do not expire: a recommendation may be fetched for review much later. */
  issueAction(claims: ActionClaims): string {
    return this.codec.sign('action', { ...claims });
  }

  issueAccess(claims: AccessClaims): { token: string; expiresIn: number } {
    const expiresIn = this.settings.ACCESS_TOKEN_TTL_SECONDS;

    return { token: this.codec.sign('access', { ...claims }, expiresIn), expiresIn };
  }

  verifySession(token: string): SessionClaims {
    return this.codec.verify<SessionClaims>('session', token);
  }

  verifyAction(token: string): ActionClaims {
    return this.codec.verify<ActionClaims>('action', token);
  }

  verifyAccess(token: string): AccessClaims {
    return this.codec.verify<AccessClaims>('access', token);
  }
}

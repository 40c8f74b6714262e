import { Injectable } from '@nestjs/common';
import { randomBytes, randomUUID } from 'node:crypto';
import { ClientContext, TelemetryEvent, VigilError } from '@vigil/contracts';
import { EndedSessions } from '@vigil/persistence';
import { TokenRejectedError } from '@vigil/tokens';
import { ActivityPublisher } from '../actions/activity.publisher';
import { ApplicationDirectory } from '../credentials/application-directory';
import { GatewayTokens, SessionClaims } from '../credentials/gateway-tokens';
import { TenantSessionPolicy } from '../device-sessions/tenant-session-policy';
import { RefreshSessionResponse, StartSessionResponse, TelemetryResponse } from './collect.dto';

/** Device-session calls: start, refresh, telemetry and the session's user. None writes MongoDB. */
@Injectable()
export class DeviceSessionService {
  constructor(
    private readonly directory: ApplicationDirectory,
    private readonly tokens: GatewayTokens,
    private readonly activity: ActivityPublisher,
    private readonly policy: TenantSessionPolicy,
    private readonly ended: EndedSessions,
  ) {}

  /**
   * Starts a device session. A device id from an earlier session is kept, so the device's
   * sessions link to one device record; otherwise the server issues a new one.
   */
  async start(
    clientId: string,
    deviceId: string | undefined,
    client: ClientContext,
  ): Promise<StartSessionResponse> {
    const application = await this.directory.require(clientId);

    return this.startFor(application.tenantId, application.applicationId, deviceId, client);
  }

  /**
   * Returns a valid token for the session while it lives. A session that ended, by its idle
   * timeout, its maximum lifetime or a revocation, is followed by a new one for the same device.
   *
   * @throws TokenRejectedError `invalid_token` when the token is not one this gateway signed.
   */
  async refresh(sessionToken: string, client: ClientContext): Promise<RefreshSessionResponse> {
    const { claims, expiresAt } = this.tokens.readSession(sessionToken);
    const end = await this.findEnd(claims.sid);
    if (end === undefined && expiresAt.getTime() > Date.now()) {
      return { ...this.tokens.reissueSession(claims, expiresAt), renewed: false };
    }
    const next = await this.startFor(claims.ten, claims.app, claims.did, client);

    return { ...next, renewed: true, previous_session_id: claims.sid };
  }

  /**
   * Checks a session token and that its session has not ended.
   *
   * @throws TokenRejectedError `invalid_token`, `token_expired` or `token_revoked`.
   */
  async verify(sessionToken: string): Promise<SessionClaims & { exp?: number }> {
    const claims = this.tokens.verifySession(sessionToken);
    const end = await this.findEnd(claims.sid);
    if (end === 'revoked') {
      throw new TokenRejectedError(`device session ${claims.sid} was revoked`, 'token_revoked');
    }
    if (end === 'expired') {
      throw new TokenRejectedError(`device session ${claims.sid} has expired`, 'token_expired');
    }

    return claims;
  }

  /** Ends the session now: its token is refused from this call on, and its user is cleared. */
  async revoke(session: SessionClaims, tokenExpiresAt: Date): Promise<void> {
    await this.guardStore(() => this.ended.record(session.sid, 'revoked', tokenExpiresAt));
    await this.activity.publish('session.revoked', this.ref(session), { source: 'backend' });
  }

  async recordTelemetry(
    sessionToken: string,
    events: TelemetryEvent[],
    client: ClientContext,
  ): Promise<TelemetryResponse> {
    const session = await this.verify(sessionToken);
    await this.activity.publish('telemetry.recorded', this.ref(session), {
      device_id: session.did,
      client,
      events,
    });

    return { accepted: events.length };
  }

  async setUser(session: SessionClaims, userId: string, source: 'sdk' | 'backend'): Promise<void> {
    await this.activity.publish('user.set', this.ref(session), { user_id: userId, source });
  }

  async clearUser(session: SessionClaims, source: 'sdk' | 'backend'): Promise<void> {
    await this.activity.publish('user.cleared', this.ref(session), { source });
  }

  private async startFor(
    tenantId: string,
    applicationId: string,
    deviceId: string | undefined,
    client: ClientContext,
  ): Promise<StartSessionResponse> {
    const lifetimes = await this.policy.lifetimes(tenantId);
    const claims: SessionClaims = {
      ten: tenantId,
      app: applicationId,
      sid: `s_${randomUUID()}`,
      did: deviceId ?? `d_${randomBytes(16).toString('base64url')}`,
    };
    const { token, expiresIn } = this.tokens.issueSession(claims, lifetimes.max_lifetime_seconds);
    await this.activity.publish('session.started', this.ref(claims), {
      device_id: claims.did,
      application_id: claims.app,
      expires_at: new Date(Date.now() + expiresIn * 1000).toISOString(),
      client,
    });

    return {
      session_token: token,
      session_id: claims.sid,
      device_id: claims.did,
      expires_in: expiresIn,
    };
  }

  private findEnd(sessionId: string) {
    return this.guardStore(() => this.ended.find(sessionId));
  }

  /** Turns a Redis failure into a retriable 503 instead of an internal error. */
  private async guardStore<T>(operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (error) {
      throw new VigilError(
        `the session registry (Redis) did not respond: ${(error as Error).message}; retry shortly`,
        'session_registry_unavailable',
        true,
      );
    }
  }

  private ref(session: SessionClaims) {
    return { tenantId: session.ten, sessionId: session.sid };
  }
}

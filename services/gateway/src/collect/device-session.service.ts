import { Injectable } from '@nestjs/common';
import { randomBytes, randomUUID } from 'node:crypto';
import { ClientContext, TelemetryEvent } from '@vigil/contracts';
import { ActivityPublisher } from '../actions/activity.publisher';
import { ApplicationDirectory } from '../credentials/application-directory';
import { GatewayTokens, SessionClaims } from '../credentials/gateway-tokens';
import { StartSessionResponse, TelemetryResponse } from './collect.dto';

/** Device-session calls: start, telemetry and the session's user. Nothing here writes MongoDB. */
@Injectable()
export class DeviceSessionService {
  constructor(
    private readonly directory: ApplicationDirectory,
    private readonly tokens: GatewayTokens,
    private readonly activity: ActivityPublisher,
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
    const claims: SessionClaims = {
      ten: application.tenantId,
      app: application.applicationId,
      sid: `s_${randomUUID()}`,
      did: deviceId ?? `d_${randomBytes(16).toString('base64url')}`,
    };
    const { token, expiresIn } = this.tokens.issueSession(claims);
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

  verify(sessionToken: string): SessionClaims {
    return this.tokens.verifySession(sessionToken);
  }

  async recordTelemetry(
    sessionToken: string,
    events: TelemetryEvent[],
    client: ClientContext,
  ): Promise<TelemetryResponse> {
    const session = this.verify(sessionToken);
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

  private ref(session: SessionClaims) {
    return { tenantId: session.ten, sessionId: session.sid };
  }
}

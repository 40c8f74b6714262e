import { Body, Controller, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { omitUndefined, VigilError } from '@vigil/contracts';
import { ActionTokenResponse, SessionTokenRequest, SetUserRequest } from '../collect/collect.dto';
import { DeviceSessionService } from '../collect/device-session.service';
import { AccessTokenGuard, AuthenticatedRequest } from '../credentials/access-token.guard';
import { SessionClaims } from '../credentials/gateway-tokens';
import { clientContextOf } from '../http/client-context';
import { FailedLoginRecorder } from '../labels/failed-login.recorder';
import { ActionService } from './action.service';
import { ActionResultRequest, BackendActionRequest } from './backend-action.dto';

/** Backend calls about actions and the session's user, authenticated by an access token. */
@ApiTags('backend')
@ApiBearerAuth()
@UseGuards(AccessTokenGuard)
@Controller('risk/v1')
export class BackendActionController {
  constructor(
    private readonly actions: ActionService,
    private readonly sessions: DeviceSessionService,
    private readonly failedLogins: FailedLoginRecorder,
  ) {}

  @Post('action/trigger-action')
  @HttpCode(201)
  @ApiOperation({ summary: 'Report an action event from the backend; returns its action token' })
  @ApiResponse({ status: 201, type: ActionTokenResponse })
  trigger(@Body() body: BackendActionRequest, @Req() request: AuthenticatedRequest) {
    const session = this.sessionOfTenant(request, body.session_token);
    const { ip_address: ip, user_agent: userAgent, session_token: _, ...fields } = body;
    const seen = clientContextOf(request);
    // The backend's own address is not the device's, so only the reported values are used.
    const client = { ip, user_agent: userAgent ?? (ip ? undefined : seen.user_agent) };

    return this.actions.trigger(session, { ...fields, source: 'backend' }, omitUndefined(client));
  }

  @Post('action/result')
  @HttpCode(202)
  @ApiOperation({ summary: 'Report the result of an action; a successful login sets the user' })
  async result(@Body() body: ActionResultRequest, @Req() request: AuthenticatedRequest) {
    await this.actions.reportResult(
      request.access.ten,
      body.action_token,
      body.result,
      body.user_id,
    );
    const action = this.actions.verifyForTenant(request.access.ten, body.action_token);
    await this.failedLogins.record(action, body.result, body.user_id);

    return {};
  }

  @Post('session/user')
  @HttpCode(202)
  @ApiOperation({ summary: 'Set the user of a device session' })
  async setUser(@Body() body: SetUserRequest, @Req() request: AuthenticatedRequest) {
    const session = this.sessionOfTenant(request, body.session_token);
    await this.sessions.setUser(session, body.user_id, 'backend');

    return {};
  }

  @Post('session/user/clear')
  @HttpCode(202)
  @ApiOperation({ summary: 'Clear the user of a device session' })
  async clearUser(@Body() body: SessionTokenRequest, @Req() request: AuthenticatedRequest) {
    await this.sessions.clearUser(this.sessionOfTenant(request, body.session_token), 'backend');

    return {};
  }

  private sessionOfTenant(request: AuthenticatedRequest, sessionToken: string): SessionClaims {
    const session = this.sessions.verify(sessionToken);
    if (session.ten !== request.access.ten) {
      throw new VigilError('session_token belongs to another tenant', 'invalid_token', false);
    }

    return session;
  }
}

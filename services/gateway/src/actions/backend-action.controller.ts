import { Body, Controller, HttpCode, Post, Query, Req, UseGuards } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiExtraModels,
  ApiOperation,
  ApiPropertyOptional,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { omitUndefined, VigilError } from '@vigil/contracts';
import { ActionTokenResponse, SessionTokenRequest, SetUserRequest } from '../collect/collect.dto';
import { DeviceSessionService } from '../collect/device-session.service';
import { AccessTokenGuard, AuthenticatedRequest } from '../credentials/access-token.guard';
import { SessionClaims } from '../credentials/gateway-tokens';
import { clientContextOf } from '../http/client-context';
import { FailedLoginRecorder } from '../labels/failed-login.recorder';
import { ActionService } from './action.service';
import { ActionResultRequest, BackendActionRequest } from './backend-action.dto';
import { RealtimeActionService, RealtimeAnswerView } from './realtime-action.service';

export class TriggerActionQuery {
  @ApiPropertyOptional({
    enum: ['true', 'false'],
    description: "true: wait for the recommendation within the tenant's realtime_budget_ms",
  })
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'get_recommendation must be true or false' })
  get_recommendation?: 'true' | 'false';
}

/** Backend calls about actions and the session's user, authenticated by an access token. */
@ApiTags('backend')
@ApiBearerAuth()
@UseGuards(AccessTokenGuard)
@Controller('risk/v1')
export class BackendActionController {
  constructor(
    private readonly actions: ActionService,
    private readonly sessions: DeviceSessionService,
    private readonly realtime: RealtimeActionService,
    private readonly failedLogins: FailedLoginRecorder,
  ) {}

  @Post('action/trigger-action')
  @HttpCode(201)
  @ApiOperation({
    summary: 'Report an action event from the backend; returns its action token',
    description:
      'With get_recommendation=true the 201 body is a RealtimeAnswerView: the recommendation, ' +
      "or budget_exceeded with the tenant's budget_exceeded_outcome.",
  })
  @ApiExtraModels(RealtimeAnswerView)
  @ApiResponse({ status: 201, type: ActionTokenResponse })
  async trigger(
    @Body() body: BackendActionRequest,
    @Query() query: TriggerActionQuery,
    @Req() request: AuthenticatedRequest,
  ) {
    const startedAtMs = Date.now();
    const session = await this.sessionOfTenant(request, body.session_token);
    const { ip_address: ip, user_agent: userAgent, session_token: _, ...fields } = body;
    const seen = clientContextOf(request);
    // The backend's own address is not the device's, so only the reported values are used.
    const client = { ip, user_agent: userAgent ?? (ip ? undefined : seen.user_agent) };

    const input = { ...fields, source: 'backend' as const };
    if (query.get_recommendation === 'true') {
      return this.realtime.trigger(session, input, omitUndefined(client), startedAtMs);
    }

    return this.actions.trigger(session, input, omitUndefined(client));
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
    const session = await this.sessionOfTenant(request, body.session_token);
    await this.sessions.setUser(session, body.user_id, 'backend');

    return {};
  }

  @Post('session/user/clear')
  @HttpCode(202)
  @ApiOperation({ summary: 'Clear the user of a device session' })
  async clearUser(@Body() body: SessionTokenRequest, @Req() request: AuthenticatedRequest) {
    const session = await this.sessionOfTenant(request, body.session_token);
    await this.sessions.clearUser(session, 'backend');

    return {};
  }

  @Post('session/revoke')
  @HttpCode(202)
  @ApiOperation({ summary: 'End a device session now; its token is refused from then on' })
  async revoke(@Body() body: SessionTokenRequest, @Req() request: AuthenticatedRequest) {
    const session = await this.sessionOfTenant(request, body.session_token);
    await this.sessions.revoke(session, new Date((session.exp ?? 0) * 1000));

    return {};
  }

  private async sessionOfTenant(
    request: AuthenticatedRequest,
    sessionToken: string,
  ): Promise<SessionClaims & { exp?: number }> {
    const session = await this.sessions.verify(sessionToken);
    if (session.ten !== request.access.ten) {
      throw new VigilError('session_token belongs to another tenant', 'invalid_token', false);
    }

    return session;
  }
}

import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { FastifyRequest } from 'fastify';
import { ActionService } from '../actions/action.service';
import { clientContextOf } from '../http/client-context';
import { DeviceSessionService } from './device-session.service';
import {
  ActionTokenResponse,
  RefreshSessionResponse,
  SdkActionRequest,
  SessionTokenRequest,
  SetUserRequest,
  StartSessionRequest,
  StartSessionResponse,
  TelemetryRequest,
  TelemetryResponse,
} from './collect.dto';

/** Calls of the client SDK: authenticated by the public client id and then the session token. */
@ApiTags('sdk')
@Controller('risk-collect/v1')
export class CollectController {
  constructor(
    private readonly sessions: DeviceSessionService,
    private readonly actions: ActionService,
  ) {}

  @Post('sessions')
  @HttpCode(201)
  @ApiOperation({ summary: 'Start a device session' })
  @ApiResponse({ status: 201, type: StartSessionResponse })
  start(@Body() body: StartSessionRequest, @Req() request: FastifyRequest) {
    return this.sessions.start(body.client_id, body.device_id, clientContextOf(request));
  }

  @Post('sessions/refresh')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Get a valid token for the device session, or a new session when it has ended',
  })
  @ApiResponse({ status: 200, type: RefreshSessionResponse })
  refresh(@Body() body: SessionTokenRequest, @Req() request: FastifyRequest) {
    return this.sessions.refresh(body.session_token, clientContextOf(request));
  }

  @Post('telemetry')
  @HttpCode(202)
  @ApiOperation({ summary: 'Send a batch of telemetry events' })
  @ApiResponse({ status: 202, type: TelemetryResponse })
  telemetry(@Body() body: TelemetryRequest, @Req() request: FastifyRequest) {
    return this.sessions.recordTelemetry(body.session_token, body.events, clientContextOf(request));
  }

  @Post('actions')
  @HttpCode(201)
  @ApiOperation({ summary: 'Report an action event; returns its action token' })
  @ApiResponse({ status: 201, type: ActionTokenResponse })
  async action(@Body() body: SdkActionRequest, @Req() request: FastifyRequest) {
    const { session_token: sessionToken, ...fields } = body;
    const session = await this.sessions.verify(sessionToken);

    return this.actions.trigger(session, { ...fields, source: 'sdk' }, clientContextOf(request));
  }

  @Post('user')
  @HttpCode(202)
  @ApiOperation({ summary: 'Set the authenticated user of the device session' })
  async setUser(@Body() body: SetUserRequest): Promise<Record<string, never>> {
    const session = await this.sessions.verify(body.session_token);
    await this.sessions.setUser(session, body.user_id, 'sdk');

    return {};
  }

  @Post('user/clear')
  @HttpCode(202)
  @ApiOperation({ summary: 'Clear the user of the device session' })
  async clearUser(@Body() body: SessionTokenRequest): Promise<Record<string, never>> {
    await this.sessions.clearUser(await this.sessions.verify(body.session_token), 'sdk');

    return {};
  }
}

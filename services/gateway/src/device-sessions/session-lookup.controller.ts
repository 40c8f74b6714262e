import { Controller, Get, Param, Query, Req, UseGuards } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { Model } from 'mongoose';
import { ContractViolationError, VigilError } from '@vigil/contracts';
import { DeviceSession } from '@vigil/persistence';
import { AccessTokenGuard, AuthenticatedRequest } from '../credentials/access-token.guard';
import { afterPosition, decodeCursor, encodeCursor } from './page-cursor';
import {
  SessionPageView,
  SessionView,
  StoredSession,
  toSessionView,
  toUserDevices,
  UserDevicePageView,
  UserDeviceView,
} from './session.view';

/** How many of a user's latest sessions the device list is built from. */
export const USER_DEVICE_SESSION_LIMIT = 500;

export class PageQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @ApiPropertyOptional({ description: 'next_cursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(512)
  cursor?: string;
}

/** Backend look-ups of device sessions by session, device and user, within the caller's tenant. */
@ApiTags('backend')
@ApiBearerAuth()
@UseGuards(AccessTokenGuard)
@Controller('risk/v1')
export class SessionLookupController {
  constructor(@InjectModel(DeviceSession.name) private readonly sessions: Model<DeviceSession>) {}

  @Get('sessions/:session_id')
  @ApiOperation({ summary: 'Get a device session: state, device, users and counts' })
  @ApiOkResponse({ type: SessionView })
  async session(@Param('session_id') sessionId: string, @Req() request: AuthenticatedRequest) {
    // The filter is the id alone, the one FerretDB looks up by key; the tenant is checked here.
    const doc = await this.sessions.findOne({ _id: sessionId }).lean<StoredSession>().exec();
    if (!doc || doc.tenant_id !== request.access.ten) {
      throw new VigilError(`no device session ${sessionId} in this tenant`, 'not_found', false);
    }

    return toSessionView(doc);
  }

  @Get('devices/:device_id/sessions')
  @ApiOperation({ summary: "List a device's sessions, newest first" })
  @ApiOkResponse({ type: SessionPageView })
  deviceSessions(
    @Param('device_id') deviceId: string,
    @Query() query: PageQuery,
    @Req() request: AuthenticatedRequest,
  ): Promise<SessionPageView> {
    return this.page({ tenant_id: request.access.ten, device_id: deviceId }, query);
  }

  @Get('users/:user_id/sessions')
  @ApiOperation({ summary: 'List the sessions a user was on, newest first' })
  @ApiOkResponse({ type: SessionPageView })
  userSessions(
    @Param('user_id') userId: string,
    @Query() query: PageQuery,
    @Req() request: AuthenticatedRequest,
  ): Promise<SessionPageView> {
    return this.page({ tenant_id: request.access.ten, user_ids: userId }, query);
  }

  @Get('users/:user_id/devices')
  @ApiOperation({
    summary: "List a user's devices, from the user's latest 500 sessions, most recent first",
  })
  @ApiOkResponse({ type: UserDevicePageView })
  async userDevices(
    @Param('user_id') userId: string,
    @Query() query: PageQuery,
    @Req() request: AuthenticatedRequest,
  ): Promise<UserDevicePageView> {
    const docs = await this.sessions
      .find({ tenant_id: request.access.ten, user_ids: userId })
      .sort({ created_at: -1, _id: -1 })
      .limit(USER_DEVICE_SESSION_LIMIT)
      .lean<StoredSession[]>()
      .exec();
    const devices = toUserDevices(docs);
    const start = query.cursor ? positionAfter(devices, query.cursor) : 0;
    const items = devices.slice(start, start + (query.limit ?? 20));
    const more = start + items.length < devices.length;

    return { items, next_cursor: more ? items[items.length - 1].device_id : undefined };
  }

  private async page(filter: Record<string, unknown>, query: PageQuery): Promise<SessionPageView> {
    const limit = query.limit ?? 20;
    const position = query.cursor ? decodeCursor(query.cursor) : undefined;
    const docs = await this.sessions
      .find({ ...filter, ...afterPosition(position) })
      .sort({ created_at: -1, _id: -1 })
      .limit(limit + 1)
      .lean<StoredSession[]>()
      .exec();
    const items = docs.slice(0, limit);
    const last = items[items.length - 1];
    const more = docs.length > limit && last?.created_at !== undefined;

    return {
      items: items.map(toSessionView),
      next_cursor: more ? encodeCursor({ created_at: last.created_at!, id: last._id }) : undefined,
    };
  }
}

/**
 * Returns the index after the device named by `cursor`.
 *
 * @throws ContractViolationError naming `cursor` when no listed device has that id.
 */
function positionAfter(devices: UserDeviceView[], cursor: string): number {
  const index = devices.findIndex((device) => device.device_id === cursor);
  if (index < 0) {
    throw new ContractViolationError('cursor is invalid', [
      { field: 'cursor', message: 'cursor must be a next_cursor value from an earlier page' },
    ]);
  }

  return index + 1;
}

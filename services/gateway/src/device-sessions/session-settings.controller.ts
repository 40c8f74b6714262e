import { Body, Controller, Get, Put, Req, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { ContractViolationError } from '@vigil/contracts';
import { AccessTokenGuard, AuthenticatedRequest } from '../credentials/access-token.guard';
import { SessionLifetimes, TenantSessionPolicy } from './tenant-session-policy';

const THIRTY_DAYS = 30 * 24 * 3600;

export class SessionSettingsBody implements SessionLifetimes {
  @ApiProperty({ description: 'seconds without activity before a session expires', example: 1800 })
  @Type(() => Number)
  @IsInt()
  @Min(10)
  @Max(THIRTY_DAYS)
  idle_timeout_seconds: number;

  @ApiProperty({ description: 'seconds a session lasts at most, active or not', example: 86400 })
  @Type(() => Number)
  @IsInt()
  @Min(60)
  @Max(THIRTY_DAYS)
  max_lifetime_seconds: number;
}

/**
 * The tenant's device-session lifetimes. A new maximum lifetime applies to sessions started after
 * the change; a new idle timeout reaches running sessions within half a minute.
 */
@ApiTags('backend')
@ApiBearerAuth()
@UseGuards(AccessTokenGuard)
@Controller('risk/v1/settings/session')
export class SessionSettingsController {
  constructor(private readonly policy: TenantSessionPolicy) {}

  @Get()
  @ApiOperation({ summary: "Get the tenant's session lifetimes" })
  @ApiOkResponse({ type: SessionSettingsBody })
  get(@Req() request: AuthenticatedRequest): Promise<SessionLifetimes> {
    return this.policy.lifetimes(request.access.ten);
  }

  @Put()
  @ApiOperation({ summary: "Set the tenant's session lifetimes" })
  @ApiOkResponse({ type: SessionSettingsBody })
  put(@Body() body: SessionSettingsBody, @Req() request: AuthenticatedRequest) {
    if (body.idle_timeout_seconds > body.max_lifetime_seconds) {
      throw new ContractViolationError('session settings are inconsistent', [
        {
          field: 'idle_timeout_seconds',
          message: `idle_timeout_seconds (${body.idle_timeout_seconds}) must not exceed max_lifetime_seconds (${body.max_lifetime_seconds})`,
        },
      ]);
    }

    return this.policy.update(request.access.ten, {
      idle_timeout_seconds: body.idle_timeout_seconds,
      max_lifetime_seconds: body.max_lifetime_seconds,
    });
  }
}

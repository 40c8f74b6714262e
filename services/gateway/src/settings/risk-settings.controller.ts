import { Body, Controller, Get, Put, Req, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccessTokenGuard, AuthenticatedRequest } from '../credentials/access-token.guard';
import { RiskSettingsRequest, RiskSettingsView } from './risk-settings.dto';
import { RiskSettingsStore } from './risk-settings.store';

@ApiTags('settings')
@ApiBearerAuth()
@UseGuards(AccessTokenGuard)
@Controller('risk/v1/settings/risk')
export class RiskSettingsController {
  constructor(private readonly store: RiskSettingsStore) {}

  @Get()
  @ApiOperation({ summary: "Get the tenant's risk settings, defaults filled in" })
  @ApiOkResponse({ type: RiskSettingsView })
  get(@Req() request: AuthenticatedRequest): Promise<RiskSettingsView> {
    return this.store.read(request.access.ten);
  }

  @Put()
  @ApiOperation({ summary: "Replace the tenant's risk settings; fields left out take defaults" })
  @ApiOkResponse({ type: RiskSettingsView })
  put(
    @Body() body: RiskSettingsRequest,
    @Req() request: AuthenticatedRequest,
  ): Promise<RiskSettingsView> {
    return this.store.replace(request.access.ten, body);
  }
}

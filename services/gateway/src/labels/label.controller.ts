import { Body, Controller, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AccessTokenGuard, AuthenticatedRequest } from '../credentials/access-token.guard';
import { LabelRequest, LabelView } from './label.dto';
import { LabelService } from './label.service';
import { targetOfRequest } from './label-target';

@ApiTags('labels')
@ApiBearerAuth()
@UseGuards(AccessTokenGuard)
@Controller('risk/v1')
export class LabelController {
  constructor(private readonly labels: LabelService) {}

  @Post('label')
  @HttpCode(201)
  @ApiOperation({
    summary: 'Label an action, a user, a device or an IP as fraud or legitimate',
    description:
      'Send exactly one of action_token, user_id, device_id and ip_address. A label on a ' +
      'device, user or IP is seen by the next action of that target.',
  })
  @ApiResponse({ status: 201, type: LabelView })
  async create(@Body() body: LabelRequest, @Req() request: AuthenticatedRequest) {
    const target = targetOfRequest(body);
    const origin = {
      tenantId: request.access.ten,
      createdBy: request.access.app,
      source: 'api' as const,
    };

    return this.labels.record(origin, target, body.label, body.note);
  }
}

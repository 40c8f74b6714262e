import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Post,
  Put,
  Req,
  UseGuards,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiTags,
} from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { ID_PATTERN } from '@vigil/contracts';
import { AccessTokenGuard, AuthenticatedRequest } from '../credentials/access-token.guard';
import { RuleRequest } from './rule.dto';
import { RuleService } from './rule.service';
import { RuleListView, RuleVersionListView, RuleView } from './rule.view';

export class RuleIdParams {
  @ApiProperty()
  @Matches(ID_PATTERN, { message: 'rule_id must be a rule id such as rule_…' })
  rule_id: string;
}

/** A tenant's rules: create, list, read, replace and delete, with every version kept. */
@ApiTags('rules')
@ApiBearerAuth()
@UseGuards(AccessTokenGuard)
@Controller('risk/v1/rules')
export class RuleController {
  constructor(private readonly rules: RuleService) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Create a rule; it applies to the next actions scored' })
  @ApiCreatedResponse({ type: RuleView })
  create(@Body() body: RuleRequest, @Req() request: AuthenticatedRequest): Promise<RuleView> {
    return this.rules.create(request.access.ten, body);
  }

  @Get()
  @ApiOperation({ summary: "List the tenant's rules in evaluation order" })
  @ApiOkResponse({ type: RuleListView })
  async list(@Req() request: AuthenticatedRequest): Promise<RuleListView> {
    return { rules: await this.rules.list(request.access.ten) };
  }

  @Get(':rule_id')
  @ApiOperation({ summary: 'Get a rule' })
  @ApiOkResponse({ type: RuleView })
  get(@Param() params: RuleIdParams, @Req() request: AuthenticatedRequest): Promise<RuleView> {
    return this.rules.get(request.access.ten, params.rule_id);
  }

  @Get(':rule_id/versions')
  @ApiOperation({ summary: 'List every version of a rule, also of a deleted one' })
  @ApiOkResponse({ type: RuleVersionListView })
  async versions(
    @Param() params: RuleIdParams,
    @Req() request: AuthenticatedRequest,
  ): Promise<RuleVersionListView> {
    return { versions: await this.rules.versionsOf(request.access.ten, params.rule_id) };
  }

  @Put(':rule_id')
  @ApiOperation({ summary: 'Replace a rule; its version grows by one' })
  @ApiOkResponse({ type: RuleView })
  update(
    @Param() params: RuleIdParams,
    @Body() body: RuleRequest,
    @Req() request: AuthenticatedRequest,
  ): Promise<RuleView> {
    return this.rules.update(request.access.ten, params.rule_id, body);
  }

  @Delete(':rule_id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a rule; its versions are kept' })
  @ApiNoContentResponse()
  async remove(@Param() params: RuleIdParams, @Req() request: AuthenticatedRequest): Promise<void> {
    await this.rules.remove(request.access.ten, params.rule_id);
  }
}

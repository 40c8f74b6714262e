import { Controller, Get, Query, Req, UseGuards } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { VigilError } from '@vigil/contracts';
import { ActionService } from '../actions/action.service';
import { AccessTokenGuard, AuthenticatedRequest } from '../credentials/access-token.guard';
import { RecommendationReader } from './recommendation.reader';
import { RecommendationView, toRecommendationView } from './recommendation.view';

export const RECOMMENDATION_WAIT_MAX_MS = 5_000;

export class RecommendationQuery {
  @ApiProperty() @IsString() @MaxLength(2048) action_token: string;

  @ApiPropertyOptional({
    minimum: 0,
    maximum: RECOMMENDATION_WAIT_MAX_MS,
    description: 'milliseconds to wait for a recommendation that is not computed yet',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(RECOMMENDATION_WAIT_MAX_MS)
  wait_ms?: number;
}

@ApiTags('backend')
@ApiBearerAuth()
@UseGuards(AccessTokenGuard)
@Controller('risk/v1')
export class RecommendationController {
  constructor(
    private readonly actions: ActionService,
    private readonly reader: RecommendationReader,
  ) {}

  /**
   * Returns the recommendation of an action, however long ago it happened. An action that is not
   * scored yet, also after `wait_ms`, gets 404 `recommendation_pending` with Retry-After.
   */
  @Get('recommendation')
  @ApiOperation({ summary: 'Get the recommendation for an action token' })
  @ApiOkResponse({ type: RecommendationView })
  async get(@Query() query: RecommendationQuery, @Req() request: AuthenticatedRequest) {
    const tenantId = request.access.ten;
    const action = this.actions.verifyForTenant(tenantId, query.action_token);
    const waitMs = query.wait_ms ?? 0;
    const deadlineMs = Date.now() + waitMs;
    // Registered before the first read, so a recommendation published in between still wakes it.
    const arrival = waitMs > 0 ? this.reader.startWaiting(action.aid, deadlineMs) : undefined;
    const stored =
      (await this.reader.find(tenantId, action.aid)) ??
      (arrival && (await this.reader.waitUntil(tenantId, action.aid, deadlineMs, arrival)));
    if (!stored) {
      throw new VigilError(
        `action ${action.aid} has no recommendation yet; retry shortly`,
        'recommendation_pending',
        true,
      );
    }

    return toRecommendationView(stored);
  }
}

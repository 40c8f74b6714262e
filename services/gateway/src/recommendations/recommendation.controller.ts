import { Controller, Get, Query, Req, UseGuards } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import { Model } from 'mongoose';
import { VigilError } from '@vigil/contracts';
import { Recommendation } from '@vigil/persistence';
import { ActionService } from '../actions/action.service';
import { AccessTokenGuard, AuthenticatedRequest } from '../credentials/access-token.guard';
import { RecommendationView, toRecommendationView } from './recommendation.view';

export class RecommendationQuery {
  @ApiProperty() @IsString() @MaxLength(2048) action_token: string;
}

@ApiTags('backend')
@ApiBearerAuth()
@UseGuards(AccessTokenGuard)
@Controller('risk/v1')
export class RecommendationController {
  constructor(
    private readonly actions: ActionService,
    @InjectModel(Recommendation.name) private readonly recommendations: Model<Recommendation>,
  ) {}

  /**
   * Returns the recommendation of an action, however long ago it happened. An action that is not
   * scored yet gets 404 `recommendation_pending` with Retry-After.
   */
  @Get('recommendation')
  @ApiOperation({ summary: 'Get the recommendation for an action token' })
  @ApiOkResponse({ type: RecommendationView })
  async get(@Query() query: RecommendationQuery, @Req() request: AuthenticatedRequest) {
    const tenantId = request.access.ten;
    const action = this.actions.verifyForTenant(tenantId, query.action_token);
    // The filter is on _id alone because that is the only filter FerretDB looks up by key.
    // The tenant is checked in code instead, and the signed token already names it.
    const stored = await this.recommendations.findOne({ _id: action.aid }).lean();
    if (!stored || stored.tenant_id !== tenantId) {
      throw new VigilError(
        `action ${action.aid} has no recommendation yet; retry shortly`,
        'recommendation_pending',
        true,
      );
    }

    return toRecommendationView(stored);
  }
}

import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  Post,
  Put,
  Query,
  Req,
  UseGuards,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ID_PATTERN, VigilError } from '@vigil/contracts';
import { ActionService } from '../actions/action.service';
import { AccessTokenGuard, AuthenticatedRequest } from '../credentials/access-token.guard';
import {
  AssignRequest,
  ListReviewCasesQuery,
  ResolveRequest,
  ReviewCasePage,
  ReviewCaseView,
} from './review-case.dto';
import { ReviewCaseService } from './review-case.service';

@ApiTags('review cases')
@ApiBearerAuth()
@UseGuards(AccessTokenGuard)
@Controller('risk/v1')
export class ReviewCaseController {
  constructor(
    private readonly reviewCases: ReviewCaseService,
    private readonly actions: ActionService,
  ) {}

  @Get('review-cases')
  @ApiOperation({ summary: 'List review cases, newest first, with filters and a cursor' })
  @ApiOkResponse({ type: ReviewCasePage })
  list(@Query() query: ListReviewCasesQuery, @Req() request: AuthenticatedRequest) {
    return this.reviewCases.list(request.access.ten, query);
  }

  @Get('review-cases/:case_id')
  @ApiOperation({ summary: 'Get one review case by its id, the action id' })
  @ApiOkResponse({ type: ReviewCaseView })
  get(@Param('case_id') caseId: string, @Req() request: AuthenticatedRequest) {
    return this.reviewCases.get(request.access.ten, checkedCaseId(caseId));
  }

  @Put('action/assignee')
  @ApiOperation({ summary: 'Assign the review case of an action to an analyst' })
  @ApiOkResponse({ type: ReviewCaseView })
  assign(@Body() body: AssignRequest, @Req() request: AuthenticatedRequest) {
    const action = this.actions.verifyForTenant(request.access.ten, body.action_token);

    return this.reviewCases.assign(request.access.ten, action.aid, body.assignee);
  }

  @Post('review-cases/:case_id/resolve')
  @HttpCode(200)
  @ApiOperation({ summary: 'Resolve a review case; a label is recorded on its action' })
  @ApiOkResponse({ type: ReviewCaseView })
  resolve(
    @Param('case_id') caseId: string,
    @Body() body: ResolveRequest,
    @Req() request: AuthenticatedRequest,
  ) {
    const { ten, app } = request.access;

    return this.reviewCases.resolve(ten, checkedCaseId(caseId), app, body);
  }
}

function checkedCaseId(caseId: string): string {
  if (!ID_PATTERN.test(caseId)) {
    throw new VigilError(
      `review case ${caseId} not found; case ids are action ids`,
      'not_found',
      false,
    );
  }

  return caseId;
}

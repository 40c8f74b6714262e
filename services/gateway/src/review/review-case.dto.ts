import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { RECOMMENDATION_TYPES, TEXT_WITHOUT_NUL } from '@vigil/contracts';
import { LABEL_VALUES, LabelValue, REVIEW_CASE_STATUSES } from '@vigil/persistence';

const NO_NUL = { message: '$property must not contain NUL characters' };

/** Query of GET /risk/v1/review-cases. */
export class ListReviewCasesQuery {
  @ApiPropertyOptional({ enum: REVIEW_CASE_STATUSES })
  @IsOptional()
  @IsIn(REVIEW_CASE_STATUSES, {
    message: `status must be one of ${REVIEW_CASE_STATUSES.join(', ')}`,
  })
  status?: string;

  @ApiPropertyOptional({ enum: RECOMMENDATION_TYPES, description: 'what the engine decided' })
  @IsOptional()
  @IsIn(RECOMMENDATION_TYPES, {
    message: `outcome must be one of ${RECOMMENDATION_TYPES.join(', ')}`,
  })
  outcome?: string;

  @ApiPropertyOptional({ example: 'BOT_USER_AGENT' })
  @IsOptional()
  @Matches(/^[A-Za-z][A-Za-z0-9_]{0,63}$/, {
    message: 'reason_code must be a reason code such as BOT_USER_AGENT',
  })
  reason_code?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(256)
  @Matches(TEXT_WITHOUT_NUL, NO_NUL)
  assignee?: string;

  @ApiPropertyOptional({ description: 'cases created at or after this ISO 8601 time' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ description: 'cases created before this ISO 8601 time' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 50 })
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

/** Body of PUT /risk/v1/action/assignee. */
export class AssignRequest {
  @ApiProperty() @IsString() @MaxLength(2048) action_token: string;

  @ApiProperty({ description: 'analyst the case is assigned to' })
  @IsString()
  @MaxLength(256)
  @Matches(TEXT_WITHOUT_NUL, NO_NUL)
  @Matches(/\S/, { message: 'assignee must not be blank' })
  assignee: string;
}

/** Body of POST /risk/v1/review-cases/:case_id/resolve. */
export class ResolveRequest {
  @ApiProperty({ description: 'what the analyst concluded, in their words' })
  @IsString()
  @MaxLength(1000)
  @Matches(TEXT_WITHOUT_NUL, NO_NUL)
  @Matches(/\S/, { message: 'resolution must not be blank' })
  resolution: string;

  @ApiPropertyOptional({ enum: LABEL_VALUES, description: 'labels the case action' })
  @IsOptional()
  @IsIn(LABEL_VALUES, { message: `label must be one of ${LABEL_VALUES.join(', ')}` })
  label?: LabelValue;
}

export class ReviewCaseView {
  @ApiProperty({ description: 'the action id' }) case_id: string;
  @ApiProperty({ enum: REVIEW_CASE_STATUSES }) status: string;
  @ApiProperty({ enum: RECOMMENDATION_TYPES }) outcome: string;
  @ApiProperty() risk_score: number;
  @ApiProperty({ type: [String] }) reason_codes: string[];
  @ApiProperty({ type: [String] }) preview_rule_ids: string[];
  @ApiProperty({ type: [String] }) opened_for: string[];
  @ApiProperty() action: Record<string, unknown>;
  @ApiPropertyOptional() assignee?: string;
  @ApiPropertyOptional() resolution?: string;
  @ApiPropertyOptional({ enum: LABEL_VALUES }) label?: string;
  @ApiPropertyOptional() resolved_at?: string;
  @ApiProperty() created_at: string;
  @ApiProperty() updated_at: string;
}

export class ReviewCasePage {
  @ApiProperty({ type: [ReviewCaseView] }) review_cases: ReviewCaseView[];
  @ApiPropertyOptional({ nullable: true }) next_cursor: string | null;
}

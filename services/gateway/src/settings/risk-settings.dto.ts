import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, Max, Min, ValidateNested } from 'class-validator';
import {
  DEFAULT_RISK_SETTINGS,
  REALTIME_BUDGET_MAX_MS,
  RECOMMENDATION_TYPES,
  RecommendationType,
} from '@vigil/contracts';

export class RiskThresholdsDto {
  @ApiProperty({ minimum: 1, maximum: 100, example: 50, description: 'lowest score for CHALLENGE' })
  @IsInt()
  @Min(1)
  @Max(100)
  challenge: number;

  @ApiProperty({ minimum: 1, maximum: 100, example: 80, description: 'lowest score for DENY' })
  @IsInt()
  @Min(1)
  @Max(100)
  deny: number;
}

/** Body of PUT /risk/v1/settings/risk. A field left out takes its default. */
export class RiskSettingsRequest {
  @ApiPropertyOptional({ type: RiskThresholdsDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => RiskThresholdsDto)
  thresholds?: RiskThresholdsDto;

  @ApiPropertyOptional({
    minimum: 0,
    maximum: 99,
    default: DEFAULT_RISK_SETTINGS.trust_max_score,
    description: 'highest score that may get TRUST, for a user on a device they used before',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(99)
  trust_max_score?: number;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: REALTIME_BUDGET_MAX_MS,
    default: DEFAULT_RISK_SETTINGS.realtime_budget_ms,
    description: 'milliseconds trigger-action?get_recommendation=true waits',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(REALTIME_BUDGET_MAX_MS)
  realtime_budget_ms?: number;

  @ApiPropertyOptional({
    enum: RECOMMENDATION_TYPES,
    default: DEFAULT_RISK_SETTINGS.budget_exceeded_outcome,
    description: 'recommendation returned when the real-time budget runs out',
  })
  @IsOptional()
  @IsIn(RECOMMENDATION_TYPES, {
    message: `budget_exceeded_outcome must be one of ${RECOMMENDATION_TYPES.join(', ')}`,
  })
  budget_exceeded_outcome?: RecommendationType;

  @ApiPropertyOptional({
    default: DEFAULT_RISK_SETTINGS.monitoring_mode,
    description: 'score every action but return ALLOW to the app',
  })
  @IsOptional()
  @IsBoolean()
  monitoring_mode?: boolean;
}

/** A tenant's complete risk settings, defaults filled in. */
export class RiskSettingsView {
  @ApiProperty({ type: RiskThresholdsDto }) thresholds: RiskThresholdsDto;
  @ApiProperty() trust_max_score: number;
  @ApiProperty() realtime_budget_ms: number;
  @ApiProperty({ enum: RECOMMENDATION_TYPES }) budget_exceeded_outcome: RecommendationType;
  @ApiProperty() monitoring_mode: boolean;
}

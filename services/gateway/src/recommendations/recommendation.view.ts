import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { RECOMMENDATION_TYPES, RecommendationType } from '@vigil/contracts';
import { Recommendation } from '@vigil/persistence';

export class RecommendationOutcome {
  @ApiProperty({ enum: RECOMMENDATION_TYPES }) type: RecommendationType;
}

export class ReasonView {
  @ApiProperty({ example: 'BOT_USER_AGENT' }) code: string;
  @ApiProperty({ description: 'points this reason added to the risk score' }) weight: number;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true })
  evidence?: Record<string, unknown>;
}

export class RecommendationView {
  @ApiProperty({ description: 'the action id' }) id: string;
  @ApiProperty() issued_at: string;
  @ApiProperty() recommendation: RecommendationOutcome;
  @ApiProperty({ minimum: 0, maximum: 100 }) risk_score: number;
  @ApiProperty({ type: [ReasonView] }) reasons: ReasonView[];
  @ApiProperty({ type: 'object', additionalProperties: true }) context: Record<string, unknown>;
}

export function toRecommendationView(stored: Recommendation): RecommendationView {
  return {
    id: stored._id,
    issued_at: stored.issued_at.toISOString(),
    recommendation: { type: stored.type as RecommendationType },
    risk_score: stored.risk_score,
    // FerretDB v1 leaves an empty array out of the stored document.
    reasons: (stored.reasons ?? []) as unknown as ReasonView[],
    context: {
      action_type: stored.action_type,
      session_id: stored.session_id,
      device_id: stored.device_id,
      user_id: stored.user_id,
      action_received_at: stored.action_received_at.toISOString(),
      ...stored.context,
    },
  };
}

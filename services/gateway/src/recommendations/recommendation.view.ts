import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { RECOMMENDATION_TYPES, RecommendationType, RULE_MODES, RuleMode } from '@vigil/contracts';
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

export class RuleHitView {
  @ApiProperty() rule_id: string;
  @ApiProperty({ description: 'the rule version that matched' }) version: number;
  @ApiProperty({ enum: RULE_MODES }) mode: RuleMode;
  @ApiProperty({ enum: RECOMMENDATION_TYPES }) recommendation: RecommendationType;
}

export class RecommendationView {
  @ApiProperty({ description: 'the action id' }) id: string;
  @ApiProperty() issued_at: string;
  @ApiProperty() recommendation: RecommendationOutcome;
  @ApiProperty({ minimum: 0, maximum: 100 }) risk_score: number;
  @ApiProperty({ type: [ReasonView] }) reasons: ReasonView[];
  @ApiProperty({ type: 'object', additionalProperties: true }) context: Record<string, unknown>;
  @ApiProperty({
    type: [RuleHitView],
    description: 'every rule that matched, in priority order; the first production hit decided',
  })
  rule_hits: RuleHitView[];
  @ApiProperty({ description: 'true when the tenant was in monitoring mode: the type is ALLOW' })
  monitoring_mode: boolean;
  @ApiProperty({ enum: RECOMMENDATION_TYPES, description: "the engine's recommendation" })
  engine_recommendation: RecommendationType;
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
    // Recommendations stored before rules existed have none of the three fields.
    rule_hits: (stored.rule_hits ?? []) as unknown as RuleHitView[],
    monitoring_mode: stored.monitoring_mode ?? false,
    engine_recommendation: (stored.engine_recommendation ?? stored.type) as RecommendationType,
  };
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { RECOMMENDATION_TYPES, RecommendationType, RULE_MODES, RuleMode } from '@vigil/contracts';
import { Rule, RuleVersion } from '@vigil/persistence';
import { RuleMatchersDto } from './rule.dto';

/** A rule as the API returns it. */
export class RuleView {
  @ApiProperty() rule_id: string;
  @ApiProperty({ description: 'starts at 1 and grows by one on every change' }) version: number;
  @ApiProperty() name: string;
  @ApiProperty() priority: number;
  @ApiProperty() enabled: boolean;
  @ApiProperty({ enum: RULE_MODES }) mode: RuleMode;
  @ApiProperty({ enum: RECOMMENDATION_TYPES }) recommendation: RecommendationType;
  @ApiProperty({ type: RuleMatchersDto }) matchers: RuleMatchersDto;
  @ApiProperty() created_at: string;
  @ApiProperty() updated_at: string;
}

export class RuleListView {
  @ApiProperty({ type: [RuleView], description: 'in evaluation order' }) rules: RuleView[];
}

/** One stored version of a rule. */
export class RuleVersionView {
  @ApiProperty() rule_id: string;
  @ApiProperty() version: number;
  @ApiProperty() name: string;
  @ApiProperty() priority: number;
  @ApiProperty() enabled: boolean;
  @ApiProperty({ enum: RULE_MODES }) mode: RuleMode;
  @ApiProperty({ enum: RECOMMENDATION_TYPES }) recommendation: RecommendationType;
  @ApiProperty({ type: RuleMatchersDto }) matchers: RuleMatchersDto;
  @ApiProperty({ description: 'when this version was written' }) created_at: string;
  @ApiPropertyOptional({ description: 'set on the version written when the rule was deleted' })
  deleted_at?: string;
}

export class RuleVersionListView {
  @ApiProperty({ type: [RuleVersionView], description: 'oldest first' })
  versions: RuleVersionView[];
}

export function toRuleView(rule: Rule): RuleView {
  return {
    rule_id: rule._id,
    version: rule.version,
    name: rule.name,
    priority: rule.priority,
    enabled: rule.enabled,
    mode: rule.mode as RuleMode,
    recommendation: rule.recommendation as RecommendationType,
    matchers: rule.matchers as RuleMatchersDto,
    created_at: rule.created_at.toISOString(),
    updated_at: rule.updated_at.toISOString(),
  };
}

export function toRuleVersionView(version: RuleVersion): RuleVersionView {
  const view: RuleVersionView = {
    rule_id: version.rule_id,
    version: version.version,
    name: version.name,
    priority: version.priority,
    enabled: version.enabled,
    mode: version.mode as RuleMode,
    recommendation: version.recommendation as RecommendationType,
    matchers: version.matchers as RuleMatchersDto,
    created_at: version.created_at.toISOString(),
  };
  if (version.deleted_at) {
    view.deleted_at = version.deleted_at.toISOString();
  }

  return view;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsNotEmptyObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import {
  ACTION_TYPE_PATTERN,
  AttributeMap,
  ID_PATTERN,
  IsAttributeMap,
  RECOMMENDATION_TYPES,
  RecommendationType,
  RULE_LIMITS,
  RULE_MODES,
  RuleMode,
  TEXT_WITHOUT_NUL,
  USER_ID_MAX_LENGTH,
} from '@vigil/contracts';
import { HasSomeOf, IsIpRangeList, IsSafePattern } from './rule-validators';

const MAX_ASN = 4_294_967_295;
const NO_NUL = { message: '$property must not contain NUL characters' };
const LIST_SIZE = { min: 1, max: RULE_LIMITS.maxListEntries };
export const MATCHER_NAMES = [
  'ip_ranges',
  'device_ids',
  'user_ids',
  'countries',
  'action_types',
  'asns',
  'user_agent',
  'custom_attributes',
] as const;

export class UserAgentMatcherDto {
  @ApiPropertyOptional({ example: 'HeadlessChrome', description: 'text the user agent contains' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(RULE_LIMITS.userAgentPatternMaxLength)
  @Matches(TEXT_WITHOUT_NUL, NO_NUL)
  substring?: string;

  @ApiPropertyOptional({
    example: '(?:Googlebot|bingbot)/\\d',
    description: 'JavaScript regular expression; a repeated group may not contain a repetition',
  })
  @IsOptional()
  @IsSafePattern()
  regex?: string;

  @ApiPropertyOptional({ default: false }) @IsOptional() @IsBoolean() ignore_case?: boolean;
}

export class RuleMatchersDto {
  @ApiPropertyOptional({ example: ['203.0.113.0/24', '2001:db8::/32'] })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(LIST_SIZE.min)
  @ArrayMaxSize(LIST_SIZE.max)
  @IsIpRangeList()
  ip_ranges?: string[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsArray()
  @ArrayMinSize(LIST_SIZE.min)
  @ArrayMaxSize(LIST_SIZE.max)
  @Matches(ID_PATTERN, { each: true })
  device_ids?: string[];

  @ApiPropertyOptional({ description: "the action's, the session's or the claimed user" })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(LIST_SIZE.min)
  @ArrayMaxSize(LIST_SIZE.max)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(USER_ID_MAX_LENGTH, { each: true })
  @Matches(TEXT_WITHOUT_NUL, { each: true, ...NO_NUL })
  user_ids?: string[];

  @ApiPropertyOptional({ example: ['NO', 'US'], description: 'ISO 3166-1 alpha-2 codes' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(LIST_SIZE.min)
  @ArrayMaxSize(LIST_SIZE.max)
  @Matches(/^[A-Z]{2}$/, {
    each: true,
    message: 'each value in countries must be two capital letters',
  })
  countries?: string[];

  @ApiPropertyOptional({ example: ['login'] })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(LIST_SIZE.min)
  @ArrayMaxSize(LIST_SIZE.max)
  @Matches(ACTION_TYPE_PATTERN, { each: true })
  action_types?: string[];

  @ApiPropertyOptional({ example: [29695], type: [Number] })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(LIST_SIZE.min)
  @ArrayMaxSize(LIST_SIZE.max)
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(MAX_ASN, { each: true })
  asns?: number[];

  @ApiPropertyOptional({ type: UserAgentMatcherDto })
  @IsOptional()
  @HasSomeOf(['substring', 'regex'], true)
  @ValidateNested()
  @Type(() => UserAgentMatcherDto)
  user_agent?: UserAgentMatcherDto;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, example: { plan: 'free' } })
  @IsOptional()
  @IsAttributeMap()
  @IsNotEmptyObject({}, { message: 'custom_attributes must have at least one key' })
  custom_attributes?: AttributeMap;
}

/** Body of POST /risk/v1/rules and PUT /risk/v1/rules/:rule_id (a PUT replaces the rule). */
export class RuleRequest {
  @ApiProperty({ example: 'Deny logins from a known attack range' })
  @IsString()
  @MinLength(1)
  @MaxLength(RULE_LIMITS.nameMaxLength)
  @Matches(TEXT_WITHOUT_NUL, NO_NUL)
  name: string;

  @ApiProperty({ minimum: RULE_LIMITS.minPriority, maximum: RULE_LIMITS.maxPriority })
  @IsInt()
  @Min(RULE_LIMITS.minPriority)
  @Max(RULE_LIMITS.maxPriority)
  priority: number;

  @ApiProperty({ type: RuleMatchersDto, description: 'every matcher given must match' })
  @IsDefined()
  @HasSomeOf(MATCHER_NAMES, false)
  @ValidateNested()
  @Type(() => RuleMatchersDto)
  matchers: RuleMatchersDto;

  @ApiProperty({ enum: RECOMMENDATION_TYPES })
  @IsIn(RECOMMENDATION_TYPES, {
    message: `recommendation must be one of ${RECOMMENDATION_TYPES.join(', ')}`,
  })
  recommendation: RecommendationType;

  @ApiPropertyOptional({ default: true }) @IsOptional() @IsBoolean() enabled?: boolean;

  @ApiPropertyOptional({ enum: RULE_MODES, default: 'production' })
  @IsOptional()
  @IsIn(RULE_MODES, { message: `mode must be one of ${RULE_MODES.join(', ')}` })
  mode?: RuleMode;
}

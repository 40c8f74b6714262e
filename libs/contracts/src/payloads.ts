import { Type } from 'class-transformer';
import {
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsIP,
  IsISO8601,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ArrayMaxSize,
  ArrayMinSize,
  ValidateNested,
  Min,
} from 'class-validator';
import { ID_PATTERN } from './envelope';
import { IsAttributeMap } from './attribute-map';

export const ACTION_TYPE_PATTERN = /^[a-z][a-z0-9_]{0,63}$/;
export const ACTION_RESULTS = ['success', 'failure', 'incomplete'] as const;
export type ActionResult = (typeof ACTION_RESULTS)[number];
export const USER_ID_MAX_LENGTH = 256;
/** Free text that ids and names may carry: anything but NUL, which stores reject. */
export const TEXT_WITHOUT_NUL = /^[^\u0000]*$/;
const NO_NUL_MESSAGE = { message: '$property must not contain NUL characters' };
export const TELEMETRY_BATCH_MAX_EVENTS = 100;

export type AttributeValue = string | number | boolean | null;
export type AttributeMap = Record<string, AttributeValue>;

/** The HTTP client that sent the event, as the gateway saw it. */
export class ClientContext {
  @IsOptional() @IsIP() ip?: string;
  @IsOptional() @IsString() @MaxLength(1024) user_agent?: string;
}

export class TelemetryEvent {
  @Matches(/^[a-z][a-z0-9_]{0,63}$/) type: string;
  /** The device's clock in epoch milliseconds, as sent; kept for the record, never trusted. */
  @IsOptional() @IsNumber() device_time?: number;
  @IsOptional() @IsAttributeMap() attributes?: AttributeMap;
}

/** Payload of `telemetry.recorded`. */
export class TelemetryRecorded {
  @Matches(ID_PATTERN) device_id: string;
  @ValidateNested() @Type(() => ClientContext) client: ClientContext;
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(TELEMETRY_BATCH_MAX_EVENTS)
  @ValidateNested({ each: true })
  @Type(() => TelemetryEvent)
  events: TelemetryEvent[];
}

/** Payload of `session.started`. */
export class SessionStarted {
  @Matches(ID_PATTERN) device_id: string;
  @Matches(ID_PATTERN) application_id: string;
  @IsISO8601({ strict: true }) expires_at: string;
  @ValidateNested() @Type(() => ClientContext) client: ClientContext;
}

/** Payload of `action.triggered`. */
export class ActionTriggered {
  @Matches(ID_PATTERN) action_id: string;
  @Matches(ACTION_TYPE_PATTERN) action_type: string;
  @Matches(ID_PATTERN) device_id: string;
  @IsIn(['sdk', 'backend']) source: 'sdk' | 'backend';
  @IsOptional()
  @IsString()
  @MaxLength(USER_ID_MAX_LENGTH)
  @Matches(TEXT_WITHOUT_NUL, NO_NUL_MESSAGE)
  user_id?: string;
  @IsOptional()
  @IsString()
  @MaxLength(USER_ID_MAX_LENGTH)
  @Matches(TEXT_WITHOUT_NUL, NO_NUL_MESSAGE)
  claimed_user_id?: string;
  @IsOptional()
  @IsString()
  @MaxLength(64)
  @Matches(TEXT_WITHOUT_NUL, NO_NUL_MESSAGE)
  claimed_user_id_type?: string;
  @IsOptional() @IsAttributeMap() custom_attributes?: AttributeMap;
  @ValidateNested() @Type(() => ClientContext) client: ClientContext;
}

/** Payload of `action.result-reported`. */
export class ActionResultReported {
  @Matches(ID_PATTERN) action_id: string;
  @Matches(ACTION_TYPE_PATTERN) action_type: string;
  @IsIn(ACTION_RESULTS) result: ActionResult;
  @IsOptional()
  @IsString()
  @MaxLength(USER_ID_MAX_LENGTH)
  @Matches(TEXT_WITHOUT_NUL, NO_NUL_MESSAGE)
  user_id?: string;
}

/** Payload of `user.set`. */
export class UserSet {
  @IsString()
  @MaxLength(USER_ID_MAX_LENGTH)
  @Matches(TEXT_WITHOUT_NUL, NO_NUL_MESSAGE)
  user_id: string;
  @IsIn(['sdk', 'backend']) source: 'sdk' | 'backend';
}

/** Payload of `session.revoked`: the backend ended the session before its time. */
export class SessionRevoked {
  @IsIn(['backend']) source: 'backend';
}

/**
 * Payload of `session.expiry-due`: a timer or the sweep requests an expiry check.
 * It travels behind the session's earlier events, so the check takes all of them into account.
 */
export class SessionExpiryDue {
  @IsIn(['timer', 'sweep']) source: 'timer' | 'sweep';
}

/** Payload of `user.cleared`. */
export class UserCleared {
  @IsIn(['sdk', 'backend']) source: 'sdk' | 'backend';
}

/** State of the device session, as the session service stores it, when an action happens. */
export class SessionContext {
  @Matches(ID_PATTERN) device_id: string;
  @IsISO8601({ strict: true }) started_at: string;
  @IsOptional()
  @IsString()
  @MaxLength(USER_ID_MAX_LENGTH)
  @Matches(TEXT_WITHOUT_NUL, NO_NUL_MESSAGE)
  current_user_id?: string;
  /** Distinct users who have been set on this session, the current one included. */
  @IsInt() @Min(0) distinct_user_count: number;
  @IsInt() @Min(0) action_count: number;
  @IsInt() @Min(0) telemetry_event_count: number;
  @IsOptional() @IsAttributeMap() device_attributes?: AttributeMap;
}

/** Payload of `action.contextualized`: the action event joined with its session. */
export class ActionContextualized {
  @ValidateNested() @Type(() => ActionTriggered) action: ActionTriggered;
  @ValidateNested() @Type(() => SessionContext) session: SessionContext;
}

export const RECOMMENDATION_TYPES = ['TRUST', 'ALLOW', 'CHALLENGE', 'DENY'] as const;
export type RecommendationType = (typeof RECOMMENDATION_TYPES)[number];

/**
 * Risk signals use upper-case codes; reasons about rules (`preview_rule`, `production_rule`) use
 * lower case, so that they never collide with a signal code.
 */
export const REASON_CODE_PATTERN = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;

export class Reason {
  @Matches(REASON_CODE_PATTERN) code: string;
  @IsInt() @Min(0) weight: number;
  @IsOptional() @IsObject() evidence?: Record<string, unknown>;
}

/** Production rules decide; preview rules are only reported. */
export const RULE_MODES = ['production', 'preview'] as const;
export type RuleMode = (typeof RULE_MODES)[number];

/** A rule that matched an action: which version of it, and what it recommends. */
export class RuleHit {
  @Matches(ID_PATTERN) rule_id: string;
  @IsInt() @Min(1) version: number;
  @IsIn(RULE_MODES) mode: RuleMode;
  @IsIn(RECOMMENDATION_TYPES) recommendation: RecommendationType;
}

/** Payload of `recommendation.issued`. */
export class RecommendationIssued {
  @Matches(ID_PATTERN) action_id: string;
  @Matches(ACTION_TYPE_PATTERN) action_type: string;
  @Matches(ID_PATTERN) device_id: string;
  @IsOptional()
  @IsString()
  @MaxLength(USER_ID_MAX_LENGTH)
  @Matches(TEXT_WITHOUT_NUL, NO_NUL_MESSAGE)
  user_id?: string;
  @IsIn(RECOMMENDATION_TYPES) type: RecommendationType;
  @IsInt() @Min(0) risk_score: number;
  @IsArray() @ValidateNested({ each: true }) @Type(() => Reason) reasons: Reason[];
  @IsISO8601({ strict: true }) issued_at: string;
  /** Every rule that matched, in priority order; the first production hit decided `type`. */
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => RuleHit)
  rule_hits?: RuleHit[];
  /** True when the tenant was in monitoring mode: `type` is then ALLOW. */
  @IsOptional() @IsBoolean() monitoring_mode?: boolean;
  /** The engine's recommendation; differs from `type` only in monitoring mode. */
  @IsOptional() @IsIn(RECOMMENDATION_TYPES) engine_recommendation?: RecommendationType;
}

export const SESSION_END_REASONS = ['idle_timeout', 'max_lifetime', 'revoked'] as const;
export type SessionEndReason = (typeof SESSION_END_REASONS)[number];

/** Payload of `device-session.expired`. */
export class DeviceSessionExpired {
  @Matches(ID_PATTERN) device_id: string;
  @IsIn(SESSION_END_REASONS) reason: SessionEndReason;
  @IsOptional()
  @IsString()
  @MaxLength(USER_ID_MAX_LENGTH)
  @Matches(TEXT_WITHOUT_NUL, NO_NUL_MESSAGE)
  cleared_user_id?: string;
  @IsISO8601({ strict: true }) expired_at: string;
}

import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

export const ENVELOPE_VERSION = 1;

/** Identifiers and tokens we mint ourselves: letters, digits, `_` and `-`. */
export const ID_PATTERN = /^[A-Za-z0-9_-]{1,128}$/;

/**
 * Trace of where an event has been: the gateway stamps `received_at`, and each service that passes
 * the event on adds its own stamp, so a decision's latency can be split by hop.
 */
export class HopTimes {
  @IsOptional() @IsInt() @Min(0) gateway_received_ms?: number;
  @IsOptional() @IsInt() @Min(0) gateway_published_ms?: number;
  @IsOptional() @IsInt() @Min(0) session_consumed_ms?: number;
  @IsOptional() @IsInt() @Min(0) session_published_ms?: number;
  @IsOptional() @IsInt() @Min(0) scoring_consumed_ms?: number;
}

/**
 * The envelope around every Kafka record. `received_at` is server time and orders events;
 * the device's own clock, when the SDK sends it, stays inside the payload and is never used as
 * the record timestamp, because a broker rejects records stamped far in the future.
 */
export class EventEnvelope<P = unknown> {
  @IsInt() @IsIn([ENVELOPE_VERSION]) envelope_version: number;
  @Matches(ID_PATTERN) event_id: string;
  @IsString() @IsNotEmpty() @MaxLength(64) type: string;
  @Matches(ID_PATTERN) tenant_id: string;
  @Matches(ID_PATTERN) session_id: string;
  @IsString() @IsNotEmpty() @MaxLength(128) correlation_id: string;
  @IsISO8601({ strict: true }) received_at: string;
  @IsOptional() @ValidateNested() @Type(() => HopTimes) hops?: HopTimes;
  @IsObject() payload: P;
}

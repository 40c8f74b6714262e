import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import {
  ACTION_TYPE_PATTERN,
  AttributeMap,
  ID_PATTERN,
  IsAttributeMap,
  TELEMETRY_BATCH_MAX_EVENTS,
  TEXT_WITHOUT_NUL,
  USER_ID_MAX_LENGTH,
} from '@vigil/contracts';

const TOKEN_MAX_LENGTH = 2048;

export class StartSessionRequest {
  @ApiProperty({ description: 'public client id of the application' })
  @IsString()
  @MaxLength(128)
  client_id: string;

  @ApiPropertyOptional({
    description: 'device id a previous session returned; omit on a new device',
  })
  @IsOptional()
  @Matches(ID_PATTERN)
  device_id?: string;
}

export class StartSessionResponse {
  @ApiProperty() session_token: string;
  @ApiProperty() session_id: string;
  @ApiProperty() device_id: string;
  @ApiProperty({ description: 'seconds until the session token expires' }) expires_in: number;
}

export class RefreshSessionResponse extends StartSessionResponse {
  @ApiProperty({ description: 'true when the session had ended and a new one was started' })
  renewed: boolean;

  @ApiPropertyOptional({ description: 'the ended session, when a new one was started' })
  previous_session_id?: string;
}

export class SessionTokenRequest {
  @ApiProperty() @IsString() @MaxLength(TOKEN_MAX_LENGTH) session_token: string;
}

export class TelemetryEventDto {
  @ApiProperty({ example: 'device_attributes' })
  @Matches(/^[a-z][a-z0-9_]{0,63}$/)
  type: string;

  @ApiPropertyOptional({ description: "the device's clock, epoch milliseconds; kept, not trusted" })
  @IsOptional()
  @IsNumber()
  device_time?: number;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true })
  @IsOptional()
  @IsAttributeMap()
  attributes?: AttributeMap;
}

export class TelemetryRequest extends SessionTokenRequest {
  @ApiProperty({ type: [TelemetryEventDto], maxItems: TELEMETRY_BATCH_MAX_EVENTS })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(TELEMETRY_BATCH_MAX_EVENTS)
  @ValidateNested({ each: true })
  @Type(() => TelemetryEventDto)
  events: TelemetryEventDto[];
}

export class TelemetryResponse {
  @ApiProperty() accepted: number;
}

export class ActionFields {
  @ApiProperty({ example: 'login', pattern: ACTION_TYPE_PATTERN.source })
  @Matches(ACTION_TYPE_PATTERN, { message: 'action_type must match ^[a-z][a-z0-9_]{0,63}$' })
  action_type: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(128)
  @Matches(TEXT_WITHOUT_NUL, { message: '$property must not contain NUL characters' })
  correlation_id?: string;

  @ApiPropertyOptional({ description: 'the user the app believes acts; not set on the session' })
  @IsOptional()
  @IsString()
  @MaxLength(USER_ID_MAX_LENGTH)
  @Matches(TEXT_WITHOUT_NUL, { message: '$property must not contain NUL characters' })
  claimed_user_id?: string;

  @ApiPropertyOptional({ example: 'email' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  @Matches(TEXT_WITHOUT_NUL, { message: '$property must not contain NUL characters' })
  claimed_user_id_type?: string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true })
  @IsOptional()
  @IsAttributeMap()
  custom_attributes?: AttributeMap;
}

export class SdkActionRequest extends ActionFields {
  @ApiProperty() @IsString() @MaxLength(TOKEN_MAX_LENGTH) session_token: string;
}

export class ActionTokenResponse {
  @ApiProperty() action_token: string;
}

export class SetUserRequest extends SessionTokenRequest {
  @ApiProperty()
  @IsString()
  @MaxLength(USER_ID_MAX_LENGTH)
  @Matches(/\S/, { message: '$property must not be blank' })
  @Matches(TEXT_WITHOUT_NUL, { message: '$property must not contain NUL characters' })
  user_id: string;
}

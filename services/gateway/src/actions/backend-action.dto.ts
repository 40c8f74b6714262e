import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsIP, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import {
  ACTION_RESULTS,
  ActionResult,
  TEXT_WITHOUT_NUL,
  USER_ID_MAX_LENGTH,
} from '@vigil/contracts';
import { ActionFields } from '../collect/collect.dto';

const TOKEN_MAX_LENGTH = 2048;

export class BackendActionRequest extends ActionFields {
  @ApiProperty() @IsString() @MaxLength(TOKEN_MAX_LENGTH) session_token: string;

  @ApiPropertyOptional({ description: 'the authenticated user, when the backend knows it' })
  @IsOptional()
  @IsString()
  @MaxLength(USER_ID_MAX_LENGTH)
  @Matches(TEXT_WITHOUT_NUL, { message: '$property must not contain NUL characters' })
  user_id?: string;

  @ApiPropertyOptional({ description: "the end user's IP, as the backend saw it" })
  @IsOptional()
  @IsIP()
  ip_address?: string;

  @ApiPropertyOptional({ description: "the end user's User-Agent header" })
  @IsOptional()
  @IsString()
  @MaxLength(1024)
  @Matches(TEXT_WITHOUT_NUL, { message: '$property must not contain NUL characters' })
  user_agent?: string;
}

export class ActionResultRequest {
  @ApiProperty() @IsString() @MaxLength(TOKEN_MAX_LENGTH) action_token: string;

  @ApiProperty({ enum: ACTION_RESULTS })
  @IsIn(ACTION_RESULTS, { message: `result must be one of ${ACTION_RESULTS.join(', ')}` })
  result: ActionResult;

  @ApiPropertyOptional({ description: 'on a successful login, becomes the session user' })
  @IsOptional()
  @IsString()
  @MaxLength(USER_ID_MAX_LENGTH)
  @Matches(TEXT_WITHOUT_NUL, { message: '$property must not contain NUL characters' })
  @Matches(/\S/)
  user_id?: string;
}

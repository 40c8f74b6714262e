import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsIP, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { ID_PATTERN, TEXT_WITHOUT_NUL, USER_ID_MAX_LENGTH } from '@vigil/contracts';
import { LABEL_VALUES, LabelValue } from '@vigil/persistence';

const NO_NUL = { message: '$property must not contain NUL characters' };

/** Body of POST /risk/v1/label: a label and exactly one target. */
export class LabelRequest {
  @ApiProperty({ enum: LABEL_VALUES })
  @IsIn(LABEL_VALUES, { message: `label must be one of ${LABEL_VALUES.join(', ')}` })
  label: LabelValue;

  @ApiPropertyOptional({ description: 'labels one action' })
  @IsOptional()
  @IsString()
  @MaxLength(2048)
  action_token?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(USER_ID_MAX_LENGTH)
  @Matches(TEXT_WITHOUT_NUL, NO_NUL)
  @Matches(/\S/, { message: 'user_id must not be blank' })
  user_id?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(ID_PATTERN, { message: 'device_id must be 1-128 letters, digits, _ or -' })
  device_id?: string;

  @ApiPropertyOptional() @IsOptional() @IsIP() ip_address?: string;

  @ApiPropertyOptional({ maxLength: 1000 })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  @Matches(TEXT_WITHOUT_NUL, NO_NUL)
  note?: string;
}

export class LabelTargetView {
  @ApiProperty({ enum: ['action', 'user', 'device', 'ip'] }) type: string;
  @ApiProperty({ description: 'action id, user id, device id or IP address' }) id: string;
}

export class LabelView {
  @ApiProperty() label_id: string;
  @ApiProperty({ enum: LABEL_VALUES }) label: string;
  @ApiProperty() target: LabelTargetView;
  @ApiPropertyOptional() note?: string;
  @ApiProperty({ description: 'client id of the application that sent it' }) created_by: string;
  @ApiProperty() created_at: string;
}

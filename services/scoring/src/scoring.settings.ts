import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { InfrastructureSettings } from '@vigil/config';

export class ScoringSettings extends InfrastructureSettings {
  @Type(() => Number) @IsInt() @Min(1) @Max(65535) HTTP_PORT = 8082;

  /** Folder of the datacenter, VPN and Tor lists; defaults to the copy shipped with the service. */
  @IsOptional() @IsString() IP_REPUTATION_DIR?: string;

  /** Prefix of the Redis keys of the action history. */
  @IsString() HISTORY_KEY_PREFIX = 'vigil:scoring:history:';
}

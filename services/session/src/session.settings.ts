import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { InfrastructureSettings } from '@vigil/config';

/** Settings of the session service, read from environment variables of the same names. */
export class SessionSettings extends InfrastructureSettings {
  /** Port of the health endpoints; 0 picks a free port. */
  @Type(() => Number) @IsInt() @Min(0) @Max(65535) HTTP_PORT = 8081;

  /** Seconds without activity after which a device session expires. */
  @Type(() => Number) @IsInt() @Min(1) @Max(30 * 24 * 3600) SESSION_IDLE_TIMEOUT_SECONDS = 1800;

  /** Seconds between two sweeps for active sessions whose expiry timer was lost. */
  @Type(() => Number) @IsInt() @Min(1) @Max(3600) SESSION_SWEEP_INTERVAL_SECONDS = 60;
}

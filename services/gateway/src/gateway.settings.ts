import { Transform, Type } from 'class-transformer';
import { Allow, IsInt, IsNotEmpty, IsString, Max, Min } from 'class-validator';
import { InfrastructureSettings } from '@vigil/config';

const DEFAULT_TRUSTED_PROXIES = ['loopback'];

export class GatewaySettings extends InfrastructureSettings {
  @Type(() => Number) @IsInt() @Min(1) @Max(65535) HTTP_PORT = 8080;

  /**
   * HMAC keys as `id:secret,id:secret` (secrets of 32+ characters). The first signs, all verify.
   * There is no default: every deployment sets its own.
   */
  @IsString() @IsNotEmpty() TOKEN_SIGNING_KEYS: string;

  @Type(() => Number) @IsInt() @Min(60) @Max(86_400) ACCESS_TOKEN_TTL_SECONDS = 3600;

  /**
   * Idle timeout of a tenant's device sessions when the tenant sets none. The session service
   * applies it; the gateway reports it and stores a tenant's own.
   */
  @Type(() => Number) @IsInt() @Min(1) @Max(30 * 24 * 3600) SESSION_IDLE_TIMEOUT_SECONDS = 1800;

  /** Maximum lifetime of a device session; its session token expires with it. */
  @Type(() => Number) @IsInt() @Min(10) SESSION_MAX_LIFETIME_SECONDS = 86_400;

  /**
   * Proxies allowed to set X-Forwarded-For: `true`, `false`, or a comma-separated list of
   * addresses and CIDR ranges (`loopback` is a shorthand Fastify understands).
   */
  @Transform(({ value }) => parseTrustProxy(value))
  @Allow()
  TRUST_PROXY: boolean | string[] = DEFAULT_TRUSTED_PROXIES;

  /**
   * Origins whose pages may call the SDK paths (/risk-collect/) from a browser: `*` for any, a
   * comma-separated list, or empty for none. Backend paths reject cross-origin requests.
   */
  @IsString() SDK_ALLOWED_ORIGINS = '*';

  /** Seconds an application lookup by client id is cached. */
  @Type(() => Number) @IsInt() @Min(0) @Max(3600) APPLICATION_CACHE_SECONDS = 60;

  /** Prefix of the scoring service's Redis keys, where labels are written for its signals. */
  @IsString() HISTORY_KEY_PREFIX = 'vigil:scoring:history:';
}

function parseTrustProxy(value: unknown): boolean | string[] {
  // class-transformer also calls this when the variable is unset, with value undefined.
  if (value === undefined) {
    return DEFAULT_TRUSTED_PROXIES;
  }
  if (typeof value === 'boolean' || Array.isArray(value)) {
    return value;
  }
  const text = String(value).trim();
  if (text === 'true' || text === 'false') {
    return text === 'true';
  }

  return text
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
}

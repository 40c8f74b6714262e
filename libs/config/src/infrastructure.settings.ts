import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
} from 'class-validator';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** Settings every service reads: where Kafka, MongoDB and Redis are, and how to log. */
export class InfrastructureSettings {
  /** Comma-separated `host:port` list of Kafka bootstrap brokers. */
  @Matches(/^[^,\s]+:\d+(,[^,\s]+:\d+)*$/, {
    message: 'KAFKA_BROKERS must be a comma-separated list of host:port',
  })
  KAFKA_BROKERS = '127.0.0.1:9092';

  @Matches(/^mongodb(\+srv)?:\/\/\S+$/, { message: 'MONGODB_URI must be a mongodb:// URI' })
  MONGODB_URI = 'mongodb://127.0.0.1:27017/vigil';

  @Matches(/^rediss?:\/\/\S+$/, { message: 'REDIS_URL must be a redis:// URI' })
  REDIS_URL = 'redis://127.0.0.1:6379';

  @IsIn(LOG_LEVELS) LOG_LEVEL = 'info';

  /** Address the HTTP server binds; loopback unless a deployment opens it. */
  @IsString() @IsNotEmpty() HTTP_HOST = '127.0.0.1';

  /** Prefix of the Kafka client id; each service appends its own name. */
  @IsString() @IsNotEmpty() KAFKA_CLIENT_ID = 'vigil';

  /** Creates missing topics at boot with the project's partition counts. */
  @Transform(({ value }) => value === true || value === 'true' || value === '1')
  @IsBoolean()
  KAFKA_CREATE_TOPICS = true;

  /** Replication factor of the topics the services create; 1 suits a single local broker. */
  @Type(() => Number) @IsInt() @Min(1) @Max(5) KAFKA_REPLICATION_FACTOR = 1;

  /** Attempts a consumer gives one record before it goes to the dead-letter topic. */
  @Type(() => Number) @IsInt() @Min(1) @Max(20) CONSUMER_MAX_ATTEMPTS = 3;

  /** Base URL of an OTLP/HTTP collector (`/v1/traces` is appended); tracing is off when unset. */
  @IsOptional()
  @Matches(/^https?:\/\/\S+$/, { message: 'OTEL_EXPORTER_OTLP_ENDPOINT must be an http(s) URL' })
  OTEL_EXPORTER_OTLP_ENDPOINT?: string;

  /** Seconds a shutdown may take before the process exits with code 1 and logs what was open. */
  @Type(() => Number) @IsInt() @Min(1) @Max(600) SHUTDOWN_TIMEOUT_SECONDS = 25;
}

export function kafkaBrokerList(settings: InfrastructureSettings): string[] {
  return settings.KAFKA_BROKERS.split(',');
}

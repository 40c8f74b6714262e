import { Inject, Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { Redis } from 'ioredis';
import { Connection } from 'mongoose';
import {
  HealthRegistry,
  mongoPingCheck,
  redisPingCheck,
  trackShutdownStep,
} from '@vigil/observability';
import { GATEWAY_REDIS } from './gateway-redis';

/**
 * Registers the gateway's readiness checks: MongoDB serves credentials and recommendations, Redis
 * marks which sessions have ended. Closes the Redis connection at shutdown.
 */
@Injectable()
export class GatewayReadiness implements OnModuleInit, OnApplicationShutdown {
  constructor(
    @Inject(HealthRegistry) private readonly health: HealthRegistry,
    @InjectConnection() private readonly connection: Connection,
    @Inject(GATEWAY_REDIS) private readonly redis: Redis,
  ) {}

  onModuleInit(): void {
    this.health.register('mongodb', mongoPingCheck(this.connection));
    this.health.register('redis', redisPingCheck(this.redis));
  }

  /** Closes Redis last, after the requests that read it have finished. */
  async onApplicationShutdown(): Promise<void> {
    await trackShutdownStep('redis', () => this.redis.quit());
  }
}

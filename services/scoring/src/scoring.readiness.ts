import { Inject, Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import Redis from 'ioredis';
import { Connection } from 'mongoose';
import {
  HealthRegistry,
  mongoPingCheck,
  redisPingCheck,
  trackShutdownStep,
} from '@vigil/observability';
import { REDIS } from './decisions/scoring.providers';

/** Readiness of the stores the scoring service writes, and closing Redis last on shutdown. */
@Injectable()
export class ScoringReadiness implements OnModuleInit, OnApplicationShutdown {
  constructor(
    private readonly health: HealthRegistry,
    @InjectConnection() private readonly connection: Connection,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  onModuleInit(): void {
    this.health.register('mongodb', mongoPingCheck(this.connection));
    this.health.register('redis', redisPingCheck(this.redis));
  }

  async onApplicationShutdown(): Promise<void> {
    await trackShutdownStep('redis', () => this.redis.quit());
  }
}

import { Inject, Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import Redis from 'ioredis';
import { Connection } from 'mongoose';
import { HealthRegistry } from '@vigil/observability';
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
    this.health.register('mongodb', () =>
      this.connection.readyState === 1 ? undefined : 'mongodb connection is not open',
    );
    this.health.register('redis', () =>
      this.redis.status === 'ready' ? undefined : `redis connection is ${this.redis.status}`,
    );
  }

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit();
  }
}

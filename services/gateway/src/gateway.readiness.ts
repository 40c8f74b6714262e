import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { Connection } from 'mongoose';
import { HealthRegistry } from '@vigil/observability';

/** Registers the gateway's readiness check on MongoDB, which serves credentials and recommendations. */
@Injectable()
export class GatewayReadiness implements OnModuleInit {
  constructor(
    @Inject(HealthRegistry) private readonly health: HealthRegistry,
    @InjectConnection() private readonly connection: Connection,
  ) {}

  onModuleInit(): void {
    this.health.register('mongodb', () =>
      this.connection.readyState === 1 ? undefined : 'mongodb connection is not open',
    );
  }
}

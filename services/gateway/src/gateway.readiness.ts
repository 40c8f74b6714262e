import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { Connection } from 'mongoose';
import { HealthRegistry } from '@vigil/observability';

/** Readiness of what the gateway needs to answer: MongoDB for credentials and recommendations. */
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

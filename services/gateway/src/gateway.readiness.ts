import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { Connection } from 'mongoose';
import { HealthRegistry, mongoPingCheck } from '@vigil/observability';

/** Registers the gateway's readiness check on MongoDB, which serves credentials and recommendations. */
@Injectable()
export class GatewayReadiness implements OnModuleInit {
  constructor(
    @Inject(HealthRegistry) private readonly health: HealthRegistry,
    @InjectConnection() private readonly connection: Connection,
  ) {}

  onModuleInit(): void {
    this.health.register('mongodb', mongoPingCheck(this.connection));
  }
}

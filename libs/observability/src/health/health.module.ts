import { Global, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController } from './health.controller';
import { HealthRegistry } from './health.registry';

/** GET /health/live and GET /health/ready on terminus; components register readiness checks. */
@Global()
@Module({
  // The controller logs readiness changes through pino; terminus's own logger would print them
  // in another format on every failed probe.
  imports: [TerminusModule.forRoot({ logger: false })],
  controllers: [HealthController],
  providers: [HealthRegistry],
  exports: [HealthRegistry],
})
export class HealthModule {}

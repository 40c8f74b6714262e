import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import {
  HealthCheckResult,
  HealthCheckService,
  HealthIndicatorFunction,
  HealthIndicatorService,
} from '@nestjs/terminus';
import { PinoLogger } from 'nestjs-pino';
import { CHECK_TIMEOUT_MS, HealthCheck, HealthRegistry, runCheck } from './health.registry';
import { summarizeChecks } from './health-summary';

/** The readiness body: terminus's result plus `checks`, each indicator's `ok` or problem. */
export type ReadinessBody = HealthCheckResult & { checks: Record<string, string> };

@ApiExcludeController()
@Controller('health')
export class HealthController {
  private wasReady = true;

  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly registry: HealthRegistry,
    private readonly logger: PinoLogger,
  ) {
    this.logger.setContext(HealthController.name);
  }

  /** Reports liveness cheaply: only that the process responds, without any I/O. */
  @Get('live')
  live(): Promise<HealthCheckResult> {
    return this.health.check([]);
  }

  /** Reports whether the service can do its work: 503 `not_ready` naming each failed check. */
  @Get('ready')
  async ready(): Promise<ReadinessBody> {
    const result = await this.health
      .check(this.readinessIndicators())
      .catch((error: unknown) => failedResult(error));
    const checks = summarizeChecks(result);
    this.logChange(result.status === 'ok', checks);
    if (result.status !== 'ok') {
      const failed = Object.keys(result.error ?? {}).join(', ');
      throw new ServiceUnavailableException({
        error: 'not_ready',
        message: `service not ready: check ${failed} failed`,
        checks,
      });
    }

    return { ...result, checks };
  }

  /** Returns one terminus indicator per registered check. */
  private readinessIndicators(): HealthIndicatorFunction[] {
    return this.registry.entries().map(
      ([name, check]) =>
        () =>
          this.indicate(name, check),
    );
  }

  private async indicate(name: string, check: HealthCheck) {
    const indicator = this.indicators.check(name);
    const problem = await runCheck(check, CHECK_TIMEOUT_MS);

    return problem === undefined ? indicator.up() : indicator.down({ message: problem });
  }

  /** Logs when readiness changes, not on every probe. */
  private logChange(ready: boolean, checks: Record<string, string>): void {
    if (ready !== this.wasReady) {
      const message = ready ? 'service is ready again' : 'service is not ready';
      this.logger[ready ? 'info' : 'warn']({ checks }, message);
    }
    this.wasReady = ready;
  }
}

/** Terminus throws its failed result inside a ServiceUnavailableException. */
function failedResult(error: unknown): HealthCheckResult {
  if (error instanceof ServiceUnavailableException) {
    return error.getResponse() as HealthCheckResult;
  }
  throw error;
}

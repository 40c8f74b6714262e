import { Injectable } from '@nestjs/common';
import {
  HealthIndicatorFunction,
  HealthIndicatorResult,
  HealthIndicatorService,
} from '@nestjs/terminus';

/** A readiness check: returns undefined when healthy, or a sentence saying what is wrong. */
export type HealthCheck = () => Promise<string | undefined> | string | undefined;

/** How long one readiness check may take before it counts as failed. */
export const CHECK_TIMEOUT_MS = 2_000;

/**
 * Readiness checks registered by the components of a service (Kafka consumers and producer,
 * MongoDB, Redis), turned into terminus health indicators for GET /health/ready.
 */
@Injectable()
export class HealthRegistry {
  private readonly checks = new Map<string, HealthCheck>();

  constructor(private readonly indicators: HealthIndicatorService) {}

  /** Adds a check under `name`; a second check under the same name replaces the first. */
  register(name: string, check: HealthCheck): void {
    this.checks.set(name, check);
  }

  /** Returns one terminus indicator per registered check. */
  readinessIndicators(): HealthIndicatorFunction[] {
    return [...this.checks].map(([name, check]) => () => this.indicate(name, check));
  }

  private async indicate(name: string, check: HealthCheck): Promise<HealthIndicatorResult> {
    const indicator = this.indicators.check(name);
    const problem = await runCheck(check, CHECK_TIMEOUT_MS);

    return problem === undefined ? indicator.up() : indicator.down({ message: problem });
  }
}

/** Runs a check and returns its problem; a check that throws or times out is a problem too. */
export async function runCheck(check: HealthCheck, timeoutMs: number): Promise<string | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve(`check timed out after ${timeoutMs} ms`), timeoutMs);
  });
  try {
    return await Promise.race([Promise.resolve().then(check), timedOut]);
  } catch (error) {
    return `check failed: ${(error as Error).message}`;
  } finally {
    clearTimeout(timer);
  }
}

import { Injectable } from '@nestjs/common';

/** A readiness check: returns undefined when healthy, or a sentence saying what is wrong. */
export type HealthCheck = () => Promise<string | undefined> | string | undefined;

/** How long one readiness check may take before it counts as failed. */
export const CHECK_TIMEOUT_MS = 2_000;

/**
 * Readiness checks registered by the components of a service (Kafka consumers and producer,
 * MongoDB, Redis). The health controller runs each as a terminus health indicator.
 */
@Injectable()
export class HealthRegistry {
  private readonly checks = new Map<string, HealthCheck>();

  /** Adds a check under `name`; a second check under the same name replaces the first. */
  register(name: string, check: HealthCheck): void {
    this.checks.set(name, check);
  }

  /** Returns the registered checks by name. */
  entries(): [string, HealthCheck][] {
    return [...this.checks];
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

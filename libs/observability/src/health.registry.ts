import { Injectable } from '@nestjs/common';

export type HealthCheck = () => Promise<string | undefined> | string | undefined;

/**
 * Readiness checks registered by the components of a service. A check returns undefined when
 * healthy, or a sentence saying what is wrong.
 */
@Injectable()
export class HealthRegistry {
  private readonly checks = new Map<string, HealthCheck>();

  register(name: string, check: HealthCheck): void {
    this.checks.set(name, check);
  }

  async readiness(): Promise<{ ready: boolean; checks: Record<string, string> }> {
    const results: Record<string, string> = {};
    let ready = true;
    for (const [name, check] of this.checks) {
      const problem = await runCheck(check);
      results[name] = problem ?? 'ok';
      ready = ready && problem === undefined;
    }

    return { ready, checks: results };
  }
}

async function runCheck(check: HealthCheck): Promise<string | undefined> {
  try {
    return await check();
  } catch (error) {
    return `check failed: ${(error as Error).message}`;
  }
}

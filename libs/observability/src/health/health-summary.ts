import type { HealthCheckResult } from '@nestjs/terminus';

/** Maps each indicator of a terminus result to `ok` or its problem message. */
export function summarizeChecks(result: HealthCheckResult): Record<string, string> {
  const checks: Record<string, string> = {};
  for (const [name, detail] of Object.entries(result.details)) {
    const message = (detail as { message?: unknown }).message;
    checks[name] = detail.status === 'up' ? 'ok' : String(message ?? detail.status);
  }

  return checks;
}

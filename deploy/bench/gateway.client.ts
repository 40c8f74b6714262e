import { ProvisionedApplication } from '../../services/gateway/src/credentials/tenant-provisioning';
import { BENCH_USER_AGENT } from './telemetry.fixtures';

/** A started device session as the SDK keeps it. */
export interface BenchSession {
  session_token: string;
  session_id: string;
  device_id: string;
}

async function postJson(url: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'user-agent': BENCH_USER_AGENT, ...headers },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) {
    throw new Error(`POST ${url} failed with ${response.status}: ${text}`);
  }

  return JSON.parse(text) as Record<string, unknown>;
}

/** Starts `count` device sessions through the gateway, 16 at a time. */
export async function startSessions(
  gatewayUrl: string,
  tenant: ProvisionedApplication,
  count: number,
): Promise<BenchSession[]> {
  const sessions: BenchSession[] = [];
  while (sessions.length < count) {
    const size = Math.min(16, count - sessions.length);
    const started = await Promise.all(
      Array.from({ length: size }, () =>
        postJson(`${gatewayUrl}/risk-collect/v1/sessions`, { client_id: tenant.client_id }),
      ),
    );
    sessions.push(...(started as unknown as BenchSession[]));
  }

  return sessions;
}

/** Returns a backend bearer token for the bench application. */
export async function accessToken(
  gatewayUrl: string,
  tenant: ProvisionedApplication,
): Promise<string> {
  const body = await postJson(`${gatewayUrl}/oidc/token`, {
    grant_type: 'client_credentials',
    client_id: tenant.client_id,
    client_secret: tenant.client_secret,
  });

  return body.access_token as string;
}

/**
 * Sets how long trigger-action?get_recommendation=true waits for the recommendation of the bench
 * tenant, in milliseconds.
 */
export async function setRealtimeBudget(
  gatewayUrl: string,
  bearer: string,
  budgetMs: number,
): Promise<void> {
  const response = await fetch(`${gatewayUrl}/risk/v1/settings/risk`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
    body: JSON.stringify({ realtime_budget_ms: budgetMs }),
  });
  if (!response.ok) {
    throw new Error(
      `PUT /risk/v1/settings/risk failed with ${response.status}: ${await response.text()}`,
    );
  }
}

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { Recommendation, VigilBackendClient, VigilDeviceClient } from '@vigil/client';
import { ProvisionedApplication } from '../../services/gateway/src/credentials/tenant-provisioning';
import { eventually } from '../support/fixtures';
import { GATEWAY_URL, SHARED_DATA } from '../support/stack';

/** A Comcast residential address that no shipped reputation list holds. */
export const RESIDENTIAL_IP = '73.162.10.20';

/** Returns the first desktop Chrome on Windows user agent of the real visitor records. */
export function realChromeUserAgent(): string {
  const file = path.join(SHARED_DATA, 'user-agents-fingerprints/user-agents.json');
  const visitors = JSON.parse(readFileSync(file, 'utf8')) as Array<{
    userAgent: string;
    platform: string;
  }>;

  return visitors.find(
    (visitor) => visitor.platform === 'Win32' && /Chrome\/\d/.test(visitor.userAgent),
  )!.userAgent;
}

/** Returns Googlebot's user agent from the isbot crawler fixtures. */
export function googlebotUserAgent(): string {
  const file = path.join(SHARED_DATA, 'isbot-fixtures/crawlers.yml');
  const byName = parseYaml(readFileSync(file, 'utf8')) as Record<string, string[] | null>;

  return Object.values(byName)
    .flatMap((userAgents) => userAgents ?? [])
    .find((userAgent) => /Googlebot\/2\.1/.test(userAgent))!;
}

export function backendOf(tenant: ProvisionedApplication): VigilBackendClient {
  return new VigilBackendClient({
    baseUrl: GATEWAY_URL,
    clientId: tenant.client_id,
    clientSecret: tenant.client_secret,
  });
}

/** Starts a device session with the given user agent and IP. */
export async function startDevice(
  tenant: ProvisionedApplication,
  userAgent: string,
  ip = RESIDENTIAL_IP,
): Promise<VigilDeviceClient> {
  const device = new VigilDeviceClient({ baseUrl: GATEWAY_URL, clientId: tenant.client_id });
  await device.startSession({ userAgent, ip });

  return device;
}

/** Reports a login of `userId` from the backend and waits for its recommendation. */
export async function scoredLogin(
  backend: VigilBackendClient,
  device: VigilDeviceClient,
  userId: string,
  client: { ipAddress?: string; userAgent?: string } = {},
): Promise<{ actionToken: string; recommendation: Recommendation }> {
  const { actionToken } = await backend.triggerAction({
    sessionToken: device.sessionToken,
    actionType: 'login',
    userId,
    ipAddress: client.ipAddress ?? RESIDENTIAL_IP,
    userAgent: client.userAgent ?? realChromeUserAgent(),
  });
  const recommendation = await backend.getRecommendation(actionToken, { waitMs: 20_000 });

  return { actionToken, recommendation };
}

/** Waits until the scoring service has opened the review case of an action. */
export async function openedCase(backend: VigilBackendClient, caseId: string) {
  return eventually(
    () => backend.getReviewCase(caseId).catch(() => undefined),
    `review case ${caseId}`,
  );
}

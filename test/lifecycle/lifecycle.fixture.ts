import { ProvisionedApplication } from '../../services/gateway/src/credentials/tenant-provisioning';
import { accessToken, send } from '../pipeline/http';
import { createTenant } from '../support/fixtures';

/** A tenant of the test's own with the bearer header of its backend. */
export interface BackendTenant {
  tenant: ProvisionedApplication;
  bearer: Record<string, string>;
}

export async function backendTenant(name: string): Promise<BackendTenant> {
  const tenant = await createTenant(name);
  const token = await accessToken(tenant.client_id, tenant.client_secret);

  return { tenant, bearer: { authorization: `Bearer ${token}` } };
}

export interface StartedSession {
  session_token: string;
  session_id: string;
  device_id: string;
  expires_in: number;
}

/** Starts a device session through the SDK call, on a known device when `deviceId` is given. */
export async function startSession(
  tenant: ProvisionedApplication,
  deviceId?: string,
  headers: Record<string, string> = {},
): Promise<StartedSession> {
  const response = await send(
    'POST',
    '/risk-collect/v1/sessions',
    { client_id: tenant.client_id, device_id: deviceId },
    headers,
  );
  if (response.status !== 201) {
    throw new Error(
      `session start failed with ${response.status}: ${JSON.stringify(response.body)}`,
    );
  }

  return response.body as unknown as StartedSession;
}

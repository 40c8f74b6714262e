import { randomBytes } from 'node:crypto';
import { Model } from 'mongoose';
import { Application, Tenant } from '@vigil/persistence';
import { generateClientSecret, hashClientSecret } from '@vigil/tokens';

export interface ProvisionedApplication {
  tenant_id: string;
  application_id: string;
  client_id: string;
  /** Shown once: only its hash is stored. */
  client_secret: string;
}

const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9 _.-]{0,63}$/;

function newId(prefix: string): string {
  return `${prefix}_${randomBytes(12).toString('base64url')}`;
}

/** Creates a tenant with one application, or adds an application to an existing tenant. */
export async function provisionApplication(
  models: { tenants: Model<Tenant>; applications: Model<Application> },
  request: { tenantName: string; applicationName: string; tenantId?: string },
): Promise<ProvisionedApplication> {
  for (const [field, value] of Object.entries(request)) {
    if (field !== 'tenantId' && !NAME_PATTERN.test(value ?? '')) {
      throw new Error(`${field} ${JSON.stringify(value)} must match ${NAME_PATTERN.source}`);
    }
  }
  const now = new Date();
  const tenantId = request.tenantId ?? newId('t');
  if (request.tenantId === undefined) {
    await models.tenants.create({ _id: tenantId, name: request.tenantName, created_at: now });
  } else if (!(await models.tenants.exists({ _id: tenantId }))) {
    throw new Error(`tenant ${tenantId} not found; omit --tenant-id to create a new tenant`);
  }
  const clientSecret = generateClientSecret();
  const application = await models.applications.create({
    _id: newId('app'),
    tenant_id: tenantId,
    name: request.applicationName,
    client_id: newId('cli'),
    client_secret_hash: await hashClientSecret(clientSecret),
    created_at: now,
  });

  return {
    tenant_id: tenantId,
    application_id: application._id,
    client_id: application.client_id,
    client_secret: clientSecret,
  };
}

import { randomBytes } from 'node:crypto';
import mongoose, { Connection, Model } from 'mongoose';
import { Application, ApplicationSchema, Tenant, TenantSchema } from '@vigil/persistence';
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

type ProvisioningModels = { tenants: Model<Tenant>; applications: Model<Application> };
type ProvisioningRequest = { tenantName: string; applicationName: string; tenantId?: string };

/** Returns the tenant and application models of a connection, for provisionApplication. */
export function provisioningModels(connection: Connection): ProvisioningModels {
  return {
    tenants: connection.model(Tenant.name, TenantSchema),
    applications: connection.model(Application.name, ApplicationSchema),
  };
}

/** Connects to `mongoUri`, runs provisionApplication there, and closes the connection. */
export async function provisionApplicationAt(
  mongoUri: string,
  request: ProvisioningRequest,
): Promise<ProvisionedApplication> {
  const connection = await mongoose.createConnection(mongoUri).asPromise();
  try {
    return await provisionApplication(provisioningModels(connection), request);
  } finally {
    await connection.close();
  }
}

/** Creates a tenant with one application, or adds an application to an existing tenant. */
export async function provisionApplication(
  models: ProvisioningModels,
  request: ProvisioningRequest,
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

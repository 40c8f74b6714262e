import mongoose from 'mongoose';
import { parseArgs } from 'node:util';
import { InfrastructureSettings, loadSettings } from '@vigil/config';
import { provisionApplication, provisioningModels } from './credentials/tenant-provisioning';

const USAGE = `usage: vigil-admin tenant create --name NAME [--app NAME] [--tenant-id ID]

Creates a tenant and an application (or, with --tenant-id, another application of that tenant)
and prints its client id and client secret as JSON. The secret is shown only this once.`;

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      name: { type: 'string' },
      app: { type: 'string', default: 'default' },
      'tenant-id': { type: 'string' },
    },
  });
  if (positionals.join(' ') !== 'tenant create' || !values.name) {
    process.stderr.write(`${USAGE}\n`);

    return 2;
  }
  const settings = loadSettings(InfrastructureSettings);
  await mongoose.connect(settings.MONGODB_URI, { serverSelectionTimeoutMS: 10_000 });
  try {
    const provisioned = await provisionApplication(provisioningModels(mongoose.connection), {
      tenantName: values.name,
      applicationName: values.app!,
      tenantId: values['tenant-id'],
    });
    process.stdout.write(`${JSON.stringify(provisioned, null, 2)}\n`);

    return 0;
  } finally {
    await mongoose.disconnect();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: Error) => {
    process.stderr.write(`vigil-admin: ${error.message}\n`);
    process.exit(1);
  },
);

import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { Application } from '@vigil/persistence';
import { VigilError } from '@vigil/contracts';
import { GatewaySettings } from '../gateway.settings';

export interface KnownApplication {
  applicationId: string;
  tenantId: string;
  clientSecretHash: string;
}

interface CacheEntry {
  application: KnownApplication | undefined;
  expiresAt: number;
}

const UNKNOWN_CLIENT_CACHE_MS = 5_000;
const MAX_CACHE_ENTRIES = 10_000;

/**
 * Finds applications by client id. Every SDK call names its client id, so lookups are cached in
 * memory. Unknown ids are cached briefly too, so a flood of bad ids does not reach the store.
 */
@Injectable()
export class ApplicationDirectory {
  private readonly cache = new Map<string, CacheEntry>();

  constructor(
    @InjectModel(Application.name) private readonly applications: Model<Application>,
    private readonly settings: GatewaySettings,
  ) {}

  /** @throws VigilError `invalid_client` when no application has this client id. */
  async require(clientId: string): Promise<KnownApplication> {
    const application = await this.find(clientId);
    if (!application) {
      throw new VigilError(
        `unknown client_id ${JSON.stringify(clientId)}`,
        'invalid_client',
        false,
      );
    }

    return application;
  }

  private async find(clientId: string): Promise<KnownApplication | undefined> {
    const cached = this.cache.get(clientId);
    if (cached && cached.expiresAt > Date.now()) {
      return cached.application;
    }
    const document = await this.applications.findOne({ client_id: clientId }).lean().exec();
    const application = document && {
      applicationId: document._id,
      tenantId: document.tenant_id,
      clientSecretHash: document.client_secret_hash,
    };
    this.remember(clientId, application ?? undefined);

    return application ?? undefined;
  }

  private remember(clientId: string, application: KnownApplication | undefined): void {
    if (this.cache.size >= MAX_CACHE_ENTRIES) {
      this.cache.clear();
    }
    const ttl = application
      ? this.settings.APPLICATION_CACHE_SECONDS * 1000
      : UNKNOWN_CLIENT_CACHE_MS;
    this.cache.set(clientId, { application, expiresAt: Date.now() + ttl });
  }
}

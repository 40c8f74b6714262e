import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { SessionPolicySettings, Tenant } from '@vigil/persistence';
import { GatewaySettings } from '../gateway.settings';
import { TenantWrites } from '../settings/tenant-writes';

/** How long a tenant's session policy is kept before it is read again. */
const POLICY_CACHE_MS = 30_000;

export interface SessionLifetimes {
  idle_timeout_seconds: number;
  max_lifetime_seconds: number;
}

/** Returns the tenant's lifetimes, each falling back to the deployment's default. */
export function lifetimesOf(
  stored: SessionPolicySettings | undefined,
  defaults: SessionLifetimes,
): SessionLifetimes {
  return {
    idle_timeout_seconds: stored?.idle_timeout_seconds ?? defaults.idle_timeout_seconds,
    max_lifetime_seconds: stored?.max_lifetime_seconds ?? defaults.max_lifetime_seconds,
  };
}

/** Reads and changes the session lifetimes of tenants; reads are cached for half a minute. */
@Injectable()
export class TenantSessionPolicy {
  private readonly cache = new Map<string, { lifetimes: SessionLifetimes; readAt: number }>();

  constructor(
    @InjectModel(Tenant.name) private readonly tenants: Model<Tenant>,
    private readonly settings: GatewaySettings,
    private readonly writes: TenantWrites,
  ) {}

  async lifetimes(tenantId: string): Promise<SessionLifetimes> {
    const cached = this.cache.get(tenantId);
    if (cached && cached.readAt + POLICY_CACHE_MS > Date.now()) {
      return cached.lifetimes;
    }
    const tenant = await this.tenants.findOne({ _id: tenantId }).lean().exec();
    const lifetimes = lifetimesOf(tenant?.session_policy, this.defaults());
    this.cache.set(tenantId, { lifetimes, readAt: Date.now() });

    return lifetimes;
  }

  async update(tenantId: string, lifetimes: SessionLifetimes): Promise<SessionLifetimes> {
    // Queued with the tenant's other writes: FerretDB loses concurrent updates of one document.
    await this.writes.run(tenantId, () =>
      this.tenants
        .updateOne({ _id: tenantId }, { $set: { session_policy: { ...lifetimes } } })
        .exec(),
    );
    this.cache.set(tenantId, { lifetimes, readAt: Date.now() });

    return lifetimes;
  }

  private defaults(): SessionLifetimes {
    return {
      idle_timeout_seconds: this.settings.SESSION_IDLE_TIMEOUT_SECONDS,
      max_lifetime_seconds: this.settings.SESSION_MAX_LIFETIME_SECONDS,
    };
  }
}

import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { SessionPolicySettings, Tenant } from '@vigil/persistence';
import { SessionSettings } from '../session.settings';
import { SessionPolicy } from './device-session.types';

/** How long a tenant's session policy is kept before it is read again. */
export const POLICY_CACHE_MS = 30_000;

interface CachedPolicy {
  policy: SessionPolicy;
  readAt: number;
}

/** Returns the tenant's policy: its own idle timeout, or the service default when it has none. */
export function policyFromSettings(
  settings: SessionPolicySettings | undefined,
  defaultIdleTimeoutSeconds: number,
): SessionPolicy {
  return { idleTimeoutMs: (settings?.idle_timeout_seconds ?? defaultIdleTimeoutSeconds) * 1000 };
}

/**
 * Session policies per tenant, read from the tenant documents and cached briefly, so a changed
 * idle timeout reaches every running session within half a minute.
 */
@Injectable()
export class SessionPolicies {
  private readonly cache = new Map<string, CachedPolicy>();

  constructor(
    @InjectModel(Tenant.name) private readonly tenants: Model<Tenant>,
    private readonly settings: SessionSettings,
  ) {}

  /** Reads the policies of the given tenants and returns a lookup that needs no further I/O. */
  async forTenants(tenantIds: Iterable<string>): Promise<(tenantId: string) => SessionPolicy> {
    const now = Date.now();
    const stale = [...new Set(tenantIds)].filter(
      (id) => (this.cache.get(id)?.readAt ?? -Infinity) + POLICY_CACHE_MS <= now,
    );
    if (stale.length > 0) {
      const found = await this.tenants
        .find({ _id: { $in: stale } }, { session_policy: 1 })
        .lean()
        .exec();
      const byId = new Map(found.map((tenant) => [tenant._id, tenant.session_policy]));
      for (const id of stale) {
        this.cache.set(id, { policy: this.policyOf(byId.get(id)), readAt: now });
      }
    }

    return (tenantId) => this.cache.get(tenantId)?.policy ?? this.policyOf(undefined);
  }

  async forTenant(tenantId: string): Promise<SessionPolicy> {
    return (await this.forTenants([tenantId]))(tenantId);
  }

  private policyOf(settings: SessionPolicySettings | undefined): SessionPolicy {
    return policyFromSettings(settings, this.settings.SESSION_IDLE_TIMEOUT_SECONDS);
  }
}

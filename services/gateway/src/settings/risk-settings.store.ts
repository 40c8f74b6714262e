import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import {
  ContractViolationError,
  FieldViolation,
  omitUndefined,
  RiskSettings,
  VigilError,
  withDefaultRiskSettings,
} from '@vigil/contracts';
import { Tenant } from '@vigil/persistence';
import { RiskSettingsRequest } from './risk-settings.dto';
import { TenantWrites } from './tenant-writes';

/**
 * How long the real-time path reuses a tenant's settings. A change made through this gateway
 * instance applies at once; other instances see it within this time.
 */
export const RISK_SETTINGS_CACHE_MS = 5_000;
const MAX_CACHED_TENANTS = 10_000;

/** Reads and replaces a tenant's risk settings, stored on its tenant document. */
@Injectable()
export class RiskSettingsStore {
  private readonly cache = new Map<string, { settings: RiskSettings; expiresAt: number }>();

  constructor(
    @InjectModel(Tenant.name) private readonly tenants: Model<Tenant>,
    private readonly writes: TenantWrites,
  ) {}

  /** Returns the settings from a cache of at most `RISK_SETTINGS_CACHE_MS`, for hot paths. */
  async getCached(tenantId: string): Promise<RiskSettings> {
    const cached = this.cache.get(tenantId);
    if (cached && cached.expiresAt > Date.now()) {
      return cached.settings;
    }
    const settings = await this.read(tenantId);
    if (this.cache.size >= MAX_CACHED_TENANTS) {
      this.cache.clear();
    }
    this.cache.set(tenantId, { settings, expiresAt: Date.now() + RISK_SETTINGS_CACHE_MS });

    return settings;
  }

  /** Returns the stored settings with defaults filled in. */
  async read(tenantId: string): Promise<RiskSettings> {
    const tenant = await this.tenants.findOne({ _id: tenantId }).lean().exec();
    if (!tenant) {
      throw new VigilError(`tenant ${tenantId} not found`, 'not_found', false);
    }

    return withDefaultRiskSettings(tenant.risk_settings as Partial<RiskSettings> | undefined);
  }

  /**
   * Replaces the tenant's settings; fields left out take their defaults.
   *
   * @throws ContractViolationError when the thresholds are out of order.
   */
  async replace(tenantId: string, request: RiskSettingsRequest): Promise<RiskSettings> {
    const settings = withDefaultRiskSettings(omitUndefined({ ...request }));
    const violations = describeOrderProblems(settings);
    if (violations.length > 0) {
      const fields = violations.map((violation) => violation.field).join(', ');
      throw new ContractViolationError(`invalid request: check ${fields}`, violations);
    }
    await this.writes.run(tenantId, () =>
      this.tenants.updateOne({ _id: tenantId }, { $set: { risk_settings: settings } }).exec(),
    );
    this.cache.delete(tenantId);

    return settings;
  }
}

function describeOrderProblems(settings: RiskSettings): FieldViolation[] {
  const { thresholds, trust_max_score: trustMaxScore } = settings;
  const violations: FieldViolation[] = [];
  if (thresholds.challenge > thresholds.deny) {
    violations.push({
      field: 'thresholds.challenge',
      message: `thresholds.challenge (${thresholds.challenge}) must not be greater than thresholds.deny (${thresholds.deny})`,
    });
  }
  if (trustMaxScore >= thresholds.challenge) {
    violations.push({
      field: 'trust_max_score',
      message: `trust_max_score (${trustMaxScore}) must be less than thresholds.challenge (${thresholds.challenge})`,
    });
  }

  return violations;
}

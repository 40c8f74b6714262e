import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { randomBytes, randomUUID } from 'node:crypto';
import { Model } from 'mongoose';
import { RULE_LIMITS, VigilError } from '@vigil/contracts';
import { Rule, RuleVersion, Tenant } from '@vigil/persistence';
import { TenantWrites } from '../settings/tenant-writes';
import { RuleRequest } from './rule.dto';
import { RuleVersionView, RuleView, toRuleVersionView, toRuleView } from './rule.view';

type RuleFields = Pick<
  Rule,
  'name' | 'priority' | 'enabled' | 'mode' | 'recommendation' | 'matchers'
>;

const DUPLICATE_KEY = 11000;

/**
 * Creates, changes and deletes a tenant's rules. Every write stores the new version in
 * `rule_versions` first, then the rule, then gives the tenant a new `rules_revision`, so a
 * scoring service that reads the new revision also reads the rule.
 */
@Injectable()
export class RuleService {
  constructor(
    @InjectModel(Rule.name) private readonly rules: Model<Rule>,
    @InjectModel(RuleVersion.name) private readonly versions: Model<RuleVersion>,
    @InjectModel(Tenant.name) private readonly tenants: Model<Tenant>,
    private readonly writes: TenantWrites,
  ) {}

  /** @throws VigilError `invalid_request` when the tenant already has the maximum of rules. */
  create(tenantId: string, request: RuleRequest): Promise<RuleView> {
    return this.writes.run(tenantId, async () => {
      const count = await this.rules.countDocuments({ tenant_id: tenantId }).exec();
      if (count >= RULE_LIMITS.maxRulesPerTenant) {
        throw new VigilError(
          `the tenant has ${count} rules, the maximum; delete one before creating another`,
          'invalid_request',
          false,
        );
      }
      const now = new Date();
      const ruleId = `rule_${randomBytes(12).toString('base64url')}`;
      const fields = ruleFields(request);
      await this.storeVersion(tenantId, ruleId, 1, fields, now);
      const rule = { _id: ruleId, tenant_id: tenantId, version: 1, ...fields };
      await this.rules.create({ ...rule, created_at: now, updated_at: now });
      await this.changeRevision(tenantId);

      return toRuleView({ ...rule, created_at: now, updated_at: now });
    });
  }

  /** Returns the tenant's rules in evaluation order. */
  async list(tenantId: string): Promise<RuleView[]> {
    const rules = await this.rules
      .find({ tenant_id: tenantId })
      .sort({ priority: 1, _id: 1 })
      .lean()
      .exec();

    return rules.map(toRuleView);
  }

  async get(tenantId: string, ruleId: string): Promise<RuleView> {
    return toRuleView(await this.require(tenantId, ruleId));
  }

  /** Replaces the rule with `request` as its next version. */
  update(tenantId: string, ruleId: string, request: RuleRequest): Promise<RuleView> {
    return this.writes.run(tenantId, async () => {
      const current = await this.require(tenantId, ruleId);
      const now = new Date();
      const version = current.version + 1;
      const fields = ruleFields(request);
      await this.storeVersion(tenantId, ruleId, version, fields, now);
      await this.rules
        .updateOne(
          { _id: ruleId, version: current.version },
          { $set: { ...fields, version, updated_at: now } },
        )
        .exec();
      await this.changeRevision(tenantId);

      return toRuleView({ ...current, ...fields, version, updated_at: now });
    });
  }

  /** Deletes the rule; its versions stay, the last one marked with `deleted_at`. */
  remove(tenantId: string, ruleId: string): Promise<void> {
    return this.writes.run(tenantId, async () => {
      const current = await this.require(tenantId, ruleId);
      const now = new Date();
      await this.storeVersion(tenantId, ruleId, current.version + 1, current, now, now);
      await this.rules.deleteOne({ _id: ruleId }).exec();
      await this.changeRevision(tenantId);
    });
  }

  /** Returns every version of a rule, oldest first, also after the rule was deleted. */
  async versionsOf(tenantId: string, ruleId: string): Promise<RuleVersionView[]> {
    const versions = await this.versions
      .find({ rule_id: ruleId, tenant_id: tenantId })
      .sort({ version: 1 })
      .lean()
      .exec();
    if (versions.length === 0) {
      throw notFound(ruleId);
    }

    return versions.map(toRuleVersionView);
  }

  private async require(tenantId: string, ruleId: string): Promise<Rule> {
    // The filter is on _id alone, the lookup FerretDB serves by key; the tenant is checked here.
    const rule = await this.rules.findOne({ _id: ruleId }).lean().exec();
    if (!rule || rule.tenant_id !== tenantId) {
      throw notFound(ruleId);
    }

    return rule;
  }

  /** @throws VigilError `conflict` when another writer stored this version first. */
  private async storeVersion(
    tenantId: string,
    ruleId: string,
    version: number,
    fields: RuleFields,
    createdAt: Date,
    deletedAt?: Date,
  ): Promise<void> {
    const { name, priority, enabled, mode, recommendation, matchers } = fields;
    try {
      await this.versions.create({
        _id: `${ruleId}:${version}`,
        tenant_id: tenantId,
        rule_id: ruleId,
        version,
        name,
        priority,
        enabled,
        mode,
        recommendation,
        matchers,
        created_at: createdAt,
        ...(deletedAt ? { deleted_at: deletedAt } : {}),
      });
    } catch (error) {
      if ((error as { code?: unknown }).code === DUPLICATE_KEY) {
        throw new VigilError(
          `rule ${ruleId} was changed at the same time; read it again and retry`,
          'conflict',
          true,
        );
      }
      throw error;
    }
  }

  private async changeRevision(tenantId: string): Promise<void> {
    await this.tenants
      .updateOne({ _id: tenantId }, { $set: { rules_revision: randomUUID() } })
      .exec();
  }
}

function ruleFields(request: RuleRequest): RuleFields {
  return {
    name: request.name,
    priority: request.priority,
    enabled: request.enabled ?? true,
    mode: request.mode ?? 'production',
    recommendation: request.recommendation,
    // A JSON round trip turns the validated DTO instances into plain objects without undefined.
    matchers: JSON.parse(JSON.stringify(request.matchers)) as Record<string, unknown>,
  };
}

function notFound(ruleId: string): VigilError {
  return new VigilError(`rule ${ruleId} not found`, 'not_found', false);
}

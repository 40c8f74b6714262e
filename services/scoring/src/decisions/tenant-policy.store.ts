import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { PinoLogger } from 'nestjs-pino';
import { RiskSettings, RuleDefinition, withDefaultRiskSettings } from '@vigil/contracts';
import { Rule, Tenant } from '@vigil/persistence';
import { compileRule, CompiledRule } from '../rules/compiled-rule';
import { sortForEvaluation } from '../rules/evaluate-rules';

/** What decides a tenant's recommendations besides the risk signals. */
export interface TenantPolicy {
  settings: RiskSettings;
  /** Compiled rules in evaluation order. */
  rules: CompiledRule[];
}

interface CachedRules {
  revision: string;
  rules: CompiledRule[];
}

/**
 * Loads each tenant's risk settings and rules for a batch of actions. The tenant document is read
 * once per batch (a lookup by `_id`), so changed settings apply to the next batch. The rules are
 * read and compiled again only when the tenant's `rules_revision` differs from the cached one,
 * which the gateway changes on every rule write, so a rule change needs no restart.
 */
@Injectable()
export class TenantPolicyStore {
  private readonly rulesByTenant = new Map<string, CachedRules>();

  constructor(
    @InjectModel(Tenant.name) private readonly tenants: Model<Tenant>,
    @InjectModel(Rule.name) private readonly rules: Model<Rule>,
    private readonly logger: PinoLogger,
  ) {}

  /** Returns the policy of every tenant in `tenantIds`; unknown tenants get the defaults. */
  async loadAll(tenantIds: Iterable<string>): Promise<Map<string, TenantPolicy>> {
    const unique = [...new Set(tenantIds)];
    const policies = await Promise.all(unique.map((tenantId) => this.load(tenantId)));

    return new Map(unique.map((tenantId, index) => [tenantId, policies[index]]));
  }

  private async load(tenantId: string): Promise<TenantPolicy> {
    const tenant = await this.tenants.findOne({ _id: tenantId }).lean().exec();
    const settings = withDefaultRiskSettings(tenant?.risk_settings as Partial<RiskSettings>);
    const revision = tenant?.rules_revision;
    if (revision === undefined) {
      return { settings, rules: [] };
    }
    const cached = this.rulesByTenant.get(tenantId);
    if (cached?.revision === revision) {
      return { settings, rules: cached.rules };
    }
    const rules = await this.loadRules(tenantId);
    this.rulesByTenant.set(tenantId, { revision, rules });
    this.logger.info({ tenantId, revision, count: rules.length }, 'rules loaded');

    return { settings, rules };
  }

  private async loadRules(tenantId: string): Promise<CompiledRule[]> {
    const stored = await this.rules.find({ tenant_id: tenantId }).lean().exec();
    const compiled = stored.map((rule) => compileRule(toDefinition(rule)));
    for (const rule of compiled.filter((candidate) => !candidate.usable)) {
      this.logger.warn(
        { tenantId, ruleId: rule.definition.rule_id, version: rule.definition.version },
        'rule has a matcher that does not compile and will match nothing',
      );
    }

    return sortForEvaluation(compiled);
  }
}

function toDefinition(rule: Rule): RuleDefinition {
  return {
    rule_id: rule._id,
    version: rule.version,
    name: rule.name,
    priority: rule.priority,
    enabled: rule.enabled,
    mode: rule.mode as RuleDefinition['mode'],
    recommendation: rule.recommendation as RuleDefinition['recommendation'],
    matchers: rule.matchers,
  };
}

import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import {
  buildEnvelope,
  omitUndefined,
  Reason,
  RecommendationType,
  RuleHit,
  Topics,
  TypedEnvelope,
} from '@vigil/contracts';
import { ConsumedEvent, continueTrace, EventPublisher, MessagingLifecycle } from '@vigil/messaging';
import { Recommendation } from '@vigil/persistence';
import { ActionHistoryStore } from '../risk/action-history';
import { RecordedHistory } from './recorded-history';
import { assessAction } from '../risk/assess-action';
import { IpReputation } from '../risk/ip-reputation';
import { DEFAULT_RISK_CONFIG } from '../risk/risk-config';
import { actionFactsOf } from '../rules/action-facts';
import { evaluateRules } from '../rules/evaluate-rules';
import { networkFactsOf } from '../rules/network-facts';
import { DecisionMetrics } from './decision.metrics';
import { ACTION_HISTORY_STORE } from './scoring.providers';
import { RecommendationRepository } from './recommendation.repository';
import { decideForTenant } from './tenant-decision';
import { TenantPolicy, TenantPolicyStore } from './tenant-policy.store';

/**
 * Consumes contextualized action events, decides each one's recommendation from the risk signals,
 * the tenant's rules and the tenant's settings, stores the batch in one write and then publishes
 * it for downstream consumers.
 */
@Injectable()
export class ActionScoringConsumer implements OnModuleInit {
  constructor(
    private readonly messaging: MessagingLifecycle,
    private readonly publisher: EventPublisher,
    private readonly repository: RecommendationRepository,
    private readonly policies: TenantPolicyStore,
    private readonly ipReputation: IpReputation,
    @Inject(ACTION_HISTORY_STORE) private readonly history: ActionHistoryStore,
    private readonly logger: PinoLogger,
    private readonly metrics: DecisionMetrics,
  ) {}

  onModuleInit(): void {
    this.messaging.createConsumer({
      groupId: 'vigil-scoring-actions',
      topics: [Topics.actionContextualized],
      handler: (events) => this.scoreBatch(events),
      maxWaitTimeInMs: 20,
    });
  }

  private async scoreBatch(events: ConsumedEvent[]): Promise<void> {
    const consumedMs = Date.now();
    const policies = await this.policies.loadAll(events.map(({ envelope }) => envelope.tenant_id));
    const decisions: Recommendation[] = [];
    for (const { envelope } of events) {
      const policy = policies.get(envelope.tenant_id)!;
      decisions.push(await this.decide(envelope as TypedEnvelope<'action.contextualized'>, policy));
    }

    await this.repository.saveAll(decisions);
    const issued = decisions.map((decision, index) => this.toIssuedEvent(decision, events[index]));
    await this.publisher.publish(Topics.recommendationIssued, issued);
    this.metrics.recordPublished(decisions, consumedMs);
    this.logger.debug({ count: decisions.length }, 'recommendations issued');
  }

  private async decide(
    envelope: TypedEnvelope<'action.contextualized'>,
    policy: TenantPolicy,
  ): Promise<Recommendation> {
    const { action, session } = envelope.payload;
    const receivedAt = new Date(envelope.received_at);
    const history = new RecordedHistory(this.history);
    const assessment = await assessAction(envelope.payload, {
      history,
      ipReputation: this.ipReputation,
      tenantId: envelope.tenant_id,
      now: receivedAt,
      config: { ...DEFAULT_RISK_CONFIG, thresholds: policy.settings.thresholds },
    });
    const network = networkFactsOf(action.client.ip);
    const rules = evaluateRules(policy.rules, actionFactsOf(envelope.payload, network));
    const decision = decideForTenant(assessment, history.read(), rules, policy.settings);

    return {
      _id: action.action_id,
      tenant_id: envelope.tenant_id,
      session_id: envelope.session_id,
      device_id: action.device_id,
      action_type: action.action_type,
      user_id: action.user_id ?? session.current_user_id ?? undefined,
      type: decision.type,
      risk_score: decision.risk_score,
      reasons: decision.reasons.map((reason) => ({ ...reason })),
      rule_hits: decision.rule_hits.map((hit) => ({ ...hit })),
      monitoring_mode: decision.monitoring_mode,
      engine_recommendation: decision.engine_recommendation,
      context: omitUndefined({
        ip_address: action.client.ip,
        user_agent: action.client.user_agent,
        claimed_user_id: action.claimed_user_id,
        correlation_id: envelope.correlation_id,
        source: action.source,
      }),
      action_received_at: receivedAt,
      issued_at: new Date(),
    };
  }

  private toIssuedEvent(decision: Recommendation, consumed: ConsumedEvent) {
    return continueTrace(consumed.envelope, this.buildIssuedEvent(decision, consumed));
  }

  private buildIssuedEvent(decision: Recommendation, consumed: ConsumedEvent) {
    return buildEnvelope({
      type: 'recommendation.issued',
      tenantId: decision.tenant_id,
      sessionId: decision.session_id,
      correlationId: consumed.envelope.correlation_id,
      hops: { ...consumed.envelope.hops, scoring_consumed_ms: decision.issued_at.getTime() },
      payload: omitUndefined({
        action_id: decision._id,
        action_type: decision.action_type,
        device_id: decision.device_id,
        user_id: decision.user_id,
        type: decision.type as RecommendationType,
        risk_score: decision.risk_score,
        reasons: decision.reasons as unknown as Reason[],
        issued_at: decision.issued_at.toISOString(),
        rule_hits: (decision.rule_hits ?? []) as unknown as RuleHit[],
        monitoring_mode: decision.monitoring_mode,
        engine_recommendation: decision.engine_recommendation as RecommendationType,
      }),
    });
  }
}

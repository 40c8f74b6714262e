import { Inject, Injectable } from '@nestjs/common';
import { Counter, Histogram, Registry } from 'prom-client';
import { counter, DURATION_BUCKETS, histogram, METRIC_REGISTRY } from '@vigil/observability';

/** A recommendation as far as the metrics need it. */
export interface CountedDecision {
  type: string;
  reasons: readonly Record<string, unknown>[];
}

/** Counts the recommendations issued, their reasons, and the time from consume to publish. */
@Injectable()
export class DecisionMetrics {
  private readonly recommendations: Counter<'type'>;
  private readonly reasons: Counter<'reason'>;
  private readonly duration: Histogram;

  constructor(@Inject(METRIC_REGISTRY) registry: Registry) {
    this.recommendations = counter(registry, {
      name: 'vigil_recommendations_total',
      help: 'Recommendations issued, by type (TRUST, ALLOW, CHALLENGE, DENY)',
      labelNames: ['type'],
    });
    this.reasons = counter(registry, {
      name: 'vigil_recommendation_reasons_total',
      help: 'Reasons given in issued recommendations, by reason code',
      labelNames: ['reason'],
    });
    this.duration = histogram(registry, {
      name: 'vigil_decision_duration_seconds',
      help: 'Time from consuming an action to publishing its recommendation, in seconds',
      buckets: DURATION_BUCKETS,
    });
  }

  /** Records a published batch of decisions whose actions were consumed at `consumedMs`. */
  recordPublished(decisions: readonly CountedDecision[], consumedMs: number, now = Date.now()) {
    const seconds = Math.max(0, now - consumedMs) / 1000;
    for (const decision of decisions) {
      this.recommendations.inc({ type: decision.type });
      for (const reason of decision.reasons) {
        this.reasons.inc({ reason: String(reason.code) });
      }
      this.duration.observe(seconds);
    }
  }
}

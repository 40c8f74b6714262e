import { randomUUID } from 'node:crypto';
import { HopTimes, TypedEnvelope } from '@vigil/contracts';
import { HOP_SEGMENTS, HopSegment, splitDecision } from './decision.hops';
import { BenchSession } from './gateway.client';
import { quantile } from './stats';
import { BENCH_USER_AGENT } from './telemetry.fixtures';

/** One trigger-action call and what the bench learned about its decision. */
interface Decision {
  sentMs: number;
  startedAt: number;
  /** Counted in the results; calls of the warm-up are not. */
  measured: boolean;
  call: Promise<void>;
  latencyMs?: number;
  availableMs?: number;
  budgetExceeded?: boolean;
  failed?: boolean;
  issued?: { hops: HopTimes; issuedMs: number };
}

/** Results of one run at a fixed rate. */
export interface DecisionSummary {
  triggered: number;
  completed: number;
  failed: number;
  budgetExceeded: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  /** Mean of each segment over the decisions whose issued event the bench read. */
  segmentMeansMs: Record<HopSegment, number>;
  segmentP50Ms: Record<HopSegment, number>;
}

/**
 * Calls trigger-action?get_recommendation=true and times each call until its response carries the
 * recommendation. The issued event of the same action, matched by correlation id, adds the hop
 * stamps.
 */
export class DecisionTracker {
  private readonly decisions = new Map<string, Decision>();

  constructor(
    private readonly gatewayUrl: string,
    private readonly bearer: string,
  ) {}

  trigger(session: BenchSession, measured: boolean): void {
    const correlationId = `bench-${randomUUID()}`;
    const decision: Decision = {
      sentMs: Date.now(),
      startedAt: performance.now(),
      measured,
      call: Promise.resolve(),
    };
    decision.call = this.call(session, correlationId, decision).catch(() => {
      decision.failed = true;
    });
    this.decisions.set(correlationId, decision);
  }

  private async call(session: BenchSession, correlationId: string, decision: Decision) {
    const url = `${this.gatewayUrl}/risk/v1/action/trigger-action?get_recommendation=true`;
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${this.bearer}` },
      body: JSON.stringify({
        session_token: session.session_token,
        action_type: 'login',
        correlation_id: correlationId,
        ip_address: '198.51.100.7',
        user_agent: BENCH_USER_AGENT,
      }),
    });
    const body = (await response.json()) as { budget_exceeded?: boolean };
    if (response.status !== 201) {
      throw new Error(`trigger-action returned ${response.status}`);
    }
    decision.availableMs = Date.now();
    decision.latencyMs = performance.now() - decision.startedAt;
    decision.budgetExceeded = body.budget_exceeded === true;
  }

  /** Records the hop stamps of an issued recommendation that one of the calls is waiting for. */
  issued(envelope: TypedEnvelope<'recommendation.issued'>): void {
    const decision = this.decisions.get(envelope.correlation_id);
    if (decision) {
      decision.issued = { hops: envelope.hops ?? {}, issuedMs: Date.parse(envelope.received_at) };
    }
  }

  /** Measured calls that have neither returned nor failed. */
  openCount(): number {
    return this.measured().filter((entry) => entry.latencyMs === undefined && !entry.failed).length;
  }

  /** Waits for every call, measured or not, to return or fail. */
  async settled(): Promise<void> {
    await Promise.allSettled([...this.decisions.values()].map((entry) => entry.call));
  }

  summarize(): DecisionSummary {
    const measured = this.measured();
    const completed = measured.filter((entry) => entry.latencyMs !== undefined);
    const answered = completed.filter((entry) => !entry.budgetExceeded);
    const latencies = answered.map((entry) => entry.latencyMs!);
    const split = answered.flatMap((entry) => {
      const segments =
        entry.issued &&
        splitDecision({ ...entry, ...entry.issued, availableMs: entry.availableMs! });

      return segments ? [segments] : [];
    });
    const segmentMeansMs = {} as Record<HopSegment, number>;
    const segmentP50Ms = {} as Record<HopSegment, number>;
    for (const segment of HOP_SEGMENTS) {
      const values = split.map((segments) => segments[segment]);
      segmentMeansMs[segment] = values.reduce((sum, value) => sum + value, 0) / values.length;
      segmentP50Ms[segment] = quantile(values, 0.5);
    }

    return {
      triggered: measured.length,
      completed: answered.length,
      failed: measured.filter((entry) => entry.failed).length,
      budgetExceeded: completed.length - answered.length,
      p50Ms: quantile(latencies, 0.5),
      p95Ms: quantile(latencies, 0.95),
      p99Ms: quantile(latencies, 0.99),
      segmentMeansMs,
      segmentP50Ms,
    };
  }

  private measured(): Decision[] {
    return [...this.decisions.values()].filter((entry) => entry.measured);
  }
}

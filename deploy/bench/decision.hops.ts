import { HopTimes } from '@vigil/contracts';

/** Segments of one decision's latency, in milliseconds, in pipeline order. */
export const HOP_SEGMENTS = [
  'gateway',
  'kafka_to_session',
  'session',
  'kafka_to_scoring_and_decide',
  'scoring_store_write',
  'answer',
] as const;
export type HopSegment = (typeof HOP_SEGMENTS)[number];

/** Wall-clock times of one decision, all in epoch milliseconds of this machine's clock. */
export interface DecisionTimes {
  /** The bench sent trigger-action. */
  sentMs: number;
  /** Hop stamps carried by the issued recommendation event. */
  hops: HopTimes;
  /** `received_at` of the issued event: scoring built it after storing the recommendation. */
  issuedMs: number;
  /** trigger-action?get_recommendation=true returned the recommendation. */
  availableMs: number;
}

/**
 * Splits a decision's latency by the hop stamps. The gateway stamps `gateway_published_ms` before
 * its Kafka send, the session service stamps `session_published_ms` before its send, and scoring
 * stamps `scoring_consumed_ms` with the recommendation's `issued_at`, after the decision and
 * before the store write. So each Kafka segment includes the producer send, and scoring's consume
 * wait and its decision share one segment. Returns undefined when a stamp is missing.
 */
export function splitDecision(times: DecisionTimes): Record<HopSegment, number> | undefined {
  const { hops } = times;
  const stamps = [
    times.sentMs,
    hops.gateway_published_ms,
    hops.session_consumed_ms,
    hops.session_published_ms,
    hops.scoring_consumed_ms,
    times.issuedMs,
    times.availableMs,
  ];
  if (stamps.some((stamp) => stamp === undefined)) {
    return undefined;
  }
  const [sent, gateway, sessionIn, sessionOut, decided, issued, available] = stamps as number[];

  return {
    gateway: gateway - sent,
    kafka_to_session: sessionIn - gateway,
    session: sessionOut - sessionIn,
    kafka_to_scoring_and_decide: decided - sessionOut,
    scoring_store_write: issued - decided,
    answer: available - issued,
  };
}

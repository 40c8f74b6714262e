/**
 * Kafka topics, named `<context>.<entity>.<past-tense-event>.v<N>`. A name never changes once in
 * use: a breaking payload change gets a new version suffix and both topics run side by side.
 *
 * Every record is keyed by device session id, so the events of one session share a partition and
 * are consumed in order. The partition count caps how many consumers of one group do work.
 */
export const Topics = {
  /** Telemetry batches from the SDK. High volume, never on the decision path. */
  telemetryRecorded: 'vigil.telemetry.recorded.v1',
  /** Session starts, action events, action results and user changes, in session order. */
  sessionActivityRecorded: 'vigil.session-activity.recorded.v1',
  /** Action events joined with the device session context, for scoring. */
  actionContextualized: 'vigil.action.contextualized.v1',
  /** Recommendations as the scoring service issued them, for downstream consumers. */
  recommendationIssued: 'vigil.recommendation.issued.v1',
  /** Device sessions that ended by idle timeout or maximum lifetime. */
  deviceSessionExpired: 'vigil.device-session.expired.v1',
} as const;

export type TopicName = (typeof Topics)[keyof typeof Topics];

/** Returns the dead-letter topic that receives the records a consumer of `topic` cannot apply. */
export function deadLetterTopic(topic: string): string {
  return `${topic}.dead-letter`;
}

/** Partition counts the project creates its topics with; see docs/operations for sizing. */
export const DEFAULT_PARTITIONS: Record<TopicName, number> = {
  [Topics.telemetryRecorded]: 12,
  [Topics.sessionActivityRecorded]: 12,
  [Topics.actionContextualized]: 12,
  [Topics.recommendationIssued]: 6,
  [Topics.deviceSessionExpired]: 6,
};

export const DEAD_LETTER_PARTITIONS = 1;

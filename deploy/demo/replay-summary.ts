import { countBy, sizeHistogram } from './count-table';
import { AttemptOutcome, ReplayRecorder, ReplayStep, StepFailure } from './replay.recorder';
import { AssignmentCounts, CountRow, ReplayDevice } from './replay.types';

export const RECOMMENDATION_TYPES = ['TRUST', 'ALLOW', 'CHALLENGE', 'DENY'] as const;
const TOP_REASON_COUNT = 10;

export type JudgementGroup = 'attack-IP rows' | 'other rows' | 'bots';

/** Recommendation shares and mean risk score of one group of login attempts. */
export interface GroupJudgement {
  group: JudgementGroup;
  attempts: number;
  /** Attempts that got a recommendation. */
  scored: number;
  /** Share of the scored attempts per recommendation type, 0 to 1. */
  typeShare: Record<string, number>;
  /** Undefined when no attempt of the group was scored. */
  meanRiskScore?: number;
}

export interface ReplaySummary {
  durationMs: number;
  /** Counts of the user and device rule on the RBA rows. */
  assignment: AssignmentCounts;
  rows: { total: number; replayed: number };
  botAttempts: { total: number; replayed: number };
  devices: { planned: number; bots: number; sessionsStarted: number };
  /** Distinct users claimed by replayed attempts. */
  users: number;
  /** How many started sessions saw 0, 1, 2, ... distinct claimed users. */
  usersPerSession: CountRow[];
  recommendationsByType: CountRow[];
  /** Reason codes by how many recommendations carried them. */
  topReasons: CountRow[];
  errors: Array<{ step: ReplayStep; code: string; count: number }>;
  judgement: GroupJudgement[];
}

export interface SummaryInput {
  devices: readonly ReplayDevice[];
  assignment: AssignmentCounts;
  recorder: Pick<ReplayRecorder, 'startedSessions' | 'outcomes' | 'failures'>;
  durationMs: number;
}

/** Aggregates the outcomes of a replay into its summary. */
export function summarizeReplay(input: SummaryInput): ReplaySummary {
  const { outcomes, failures, startedSessions } = input.recorder;
  const triggered = outcomes.filter((outcome) => outcome.triggered);
  const scored = outcomes.flatMap((outcome) => outcome.recommendation ?? []);

  return {
    durationMs: input.durationMs,
    assignment: input.assignment,
    rows: progressOf(outcomes, 'rba', input.assignment.rows),
    botAttempts: progressOf(outcomes, 'bot', countBotAttempts(input.devices)),
    devices: {
      planned: input.devices.length,
      bots: input.devices.filter((device) => device.source === 'bot').length,
      sessionsStarted: startedSessions.size,
    },
    users: new Set(triggered.map((outcome) => outcome.attempt.claimedUserId)).size,
    usersPerSession: usersPerSession(triggered, startedSessions),
    recommendationsByType: countBy(scored, (recommendation) => recommendation.type),
    topReasons: countBy(
      scored.flatMap((recommendation) => [...new Set(recommendation.reasonCodes)]),
      (code) => code,
    ).slice(0, TOP_REASON_COUNT),
    errors: countFailures(failures),
    judgement: (['attack-IP rows', 'other rows', 'bots'] as const).map((group) =>
      judge(
        group,
        outcomes.filter((outcome) => groupOf(outcome) === group),
      ),
    ),
  };
}

/** Returns the judgement group of an attempt. The attack-IP label is ground truth from the data set. */
export function groupOf(outcome: AttemptOutcome): JudgementGroup {
  if (outcome.attempt.source === 'bot') {
    return 'bots';
  }

  return outcome.attempt.attackIp ? 'attack-IP rows' : 'other rows';
}

function judge(group: JudgementGroup, outcomes: AttemptOutcome[]): GroupJudgement {
  const scored = outcomes.flatMap((outcome) => outcome.recommendation ?? []);
  const typeShare: Record<string, number> = {};
  for (const type of RECOMMENDATION_TYPES) {
    const count = scored.filter((recommendation) => recommendation.type === type).length;
    typeShare[type] = scored.length === 0 ? 0 : count / scored.length;
  }
  const totalRisk = scored.reduce((sum, recommendation) => sum + recommendation.riskScore, 0);

  return {
    group,
    attempts: outcomes.length,
    scored: scored.length,
    typeShare,
    meanRiskScore: scored.length === 0 ? undefined : totalRisk / scored.length,
  };
}

function countFailures(failures: readonly StepFailure[]): ReplaySummary['errors'] {
  const counts = new Map<string, { step: ReplayStep; code: string; count: number }>();
  for (const { step, code } of failures) {
    const key = JSON.stringify([step, code]);
    const entry = counts.get(key) ?? { step, code, count: 0 };
    entry.count += 1;
    counts.set(key, entry);
  }

  return [...counts.values()].sort((a, b) => b.count - a.count);
}

function usersPerSession(
  triggered: AttemptOutcome[],
  startedSessions: ReadonlySet<string>,
): CountRow[] {
  const users = new Map<string, Set<string>>([...startedSessions].map((key) => [key, new Set()]));
  for (const { attempt } of triggered) {
    users.get(attempt.deviceKey)?.add(attempt.claimedUserId);
  }

  return sizeHistogram([...users.values()].map((claimed) => claimed.size));
}

function progressOf(outcomes: AttemptOutcome[], source: 'rba' | 'bot', total: number) {
  const replayed = outcomes.filter(
    (outcome) => outcome.attempt.source === source && outcome.triggered,
  );

  return { total, replayed: replayed.length };
}

function countBotAttempts(devices: readonly ReplayDevice[]): number {
  return devices
    .filter((device) => device.source === 'bot')
    .reduce((sum, device) => sum + device.attempts.length, 0);
}

import { VigilApiError } from '@vigil/client';
import { LoginAttempt } from './replay.types';

export type ReplayStep =
  'start_session' | 'send_telemetry' | 'trigger_action' | 'get_recommendation' | 'report_result';

/** Receives the replay's progress and error lines: a constant message plus fields. */
export type ReplayLog = (message: string, fields?: Record<string, unknown>) => void;

/** The part of a recommendation the summary needs. */
export interface ScoredRecommendation {
  type: string;
  riskScore: number;
  reasonCodes: string[];
}

export interface AttemptOutcome {
  attempt: LoginAttempt;
  /** Whether the gateway accepted the action event and returned an action token. */
  triggered: boolean;
  recommendation?: ScoredRecommendation;
}

export interface StepFailure {
  step: ReplayStep;
  code: string;
  status: number;
  deviceKey: string;
  correlationId?: string;
}

/** Failures logged per step and error code. Further ones are only counted for the summary. */
const LOGGED_FAILURES_PER_CODE = 5;

/** Collects what happened to every device and attempt of a replay. */
export class ReplayRecorder {
  readonly startedSessions = new Set<string>();
  readonly outcomes: AttemptOutcome[] = [];
  readonly failures: StepFailure[] = [];
  private readonly loggedPerCode = new Map<string, number>();

  constructor(private readonly log: ReplayLog) {}

  sessionStarted(deviceKey: string): void {
    this.startedSessions.add(deviceKey);
  }

  attemptFinished(outcome: AttemptOutcome): void {
    this.outcomes.push(outcome);
  }

  /** Records a failed API call, logging the first few of each step and error code. */
  callFailed(
    step: ReplayStep,
    error: VigilApiError,
    deviceKey: string,
    correlationId?: string,
  ): void {
    this.failures.push({ step, code: error.code, status: error.status, deviceKey, correlationId });
    const codeKey = `${step}/${error.code}`;
    const logged = this.loggedPerCode.get(codeKey) ?? 0;
    if (logged >= LOGGED_FAILURES_PER_CODE) {
      return;
    }
    this.loggedPerCode.set(codeKey, logged + 1);
    this.log('replay call failed', {
      step,
      code: error.code,
      status: error.status,
      request: error.request,
      error: error.message,
      correlationId,
      further: logged + 1 === LOGGED_FAILURES_PER_CODE ? 'counted, not logged' : undefined,
    });
  }
}

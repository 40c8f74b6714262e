import { JobsOptions } from 'bullmq';
import { TraceCarrier } from '@vigil/observability';

export const EXPIRY_QUEUE = 'device-session-expiry';
export const SESSION_EXPIRE_JOB = 'SessionExpire';

/** Data of a `SessionExpire` job: ids only, the session itself is read when the job runs. */
export interface SessionExpireJob {
  tenant_id: string;
  session_id: string;
  correlation_id: string;
  /** W3C trace context of the activity that scheduled the timer, set only when tracing is on. */
  trace_context?: TraceCarrier;
}

export const SESSION_EXPIRE_JOB_OPTIONS: JobsOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 1_000 },
  removeOnComplete: { count: 1_000, age: 24 * 3600 },
  removeOnFail: { count: 10_000, age: 7 * 24 * 3600 },
};

/**
 * Returns the job id of the timer that expires `sessionId` at `dueAt`. The session id is encoded
 * in base64url, so no character of it can clash with BullMQ's key syntax, and the due time makes a
 * rescheduled timer a new job while a repeated request for the same timer adds nothing.
 */
export function expiryJobId(sessionId: string, dueAt: Date): string {
  return `expire-${Buffer.from(sessionId, 'utf8').toString('base64url')}-${dueAt.getTime()}`;
}

import { Injectable, Optional } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { buildEnvelope, Topics, VigilError } from '@vigil/contracts';
import { EventPublisher } from '@vigil/messaging';
import { DeviceSessionRepository } from '../device-session/device-session.repository';
import { DeviceSessionState, SessionPolicy } from '../device-session/device-session.types';
import { derivedEventId } from '../device-session/derived-event-id';
import { decideExpiry, expireSession } from '../device-session/session-expiry';
import { SessionSettings } from '../session.settings';
import { ExpiryMetrics } from './expiry.metrics';
import { ExpiryScheduler } from './expiry.scheduler';
import { expiryJobId, SessionExpireJob } from './expiry.queue';

export type ExpiryResult = 'expired' | 'already-expired' | 'rescheduled';

/** Attempts to write an expiry while other writers keep changing the session. */
const MAX_WRITE_ATTEMPTS = 5;

/**
 * Expires a device session when its timer fires or the sweep finds it overdue. Safe to run twice,
 * because the expired state is written once, only if the stored revision is still the one read,
 * and a second run reads it back as expired.
 */
@Injectable()
export class SessionExpirer {
  private readonly policy: SessionPolicy;

  constructor(
    private readonly sessions: DeviceSessionRepository,
    private readonly publisher: EventPublisher,
    private readonly scheduler: ExpiryScheduler,
    settings: SessionSettings,
    private readonly logger: PinoLogger,
    @Optional() private readonly metrics?: ExpiryMetrics,
  ) {
    this.logger.setContext(SessionExpirer.name);
    this.policy = { idleTimeoutMs: settings.SESSION_IDLE_TIMEOUT_SECONDS * 1000 };
  }

  /**
   * Expires the session if it is due, or schedules a new timer for when it is. `currentJobId` is
   * the timer running now, which a new timer must not reuse.
   *
   * @throws VigilError (retriable) when the session is missing or keeps changing, so the job is
   * tried again.
   */
  async expire(job: SessionExpireJob, currentJobId?: string): Promise<ExpiryResult> {
    for (let attempt = 1; attempt <= MAX_WRITE_ATTEMPTS; attempt += 1) {
      const session = await this.sessions.findById(job.session_id);
      if (!session) {
        // The timer is scheduled before the session is written, so the write may be on its way.
        throw new VigilError(`device session ${job.session_id} not found`, 'not_found', true);
      }
      const result = await this.decideAndApply(job, session, currentJobId);
      if (result !== undefined) {
        return result;
      }
    }
    throw new VigilError(
      `device session ${job.session_id} changed during ${MAX_WRITE_ATTEMPTS} expiry attempts`,
      'write_conflict',
      true,
    );
  }

  private async decideAndApply(
    job: SessionExpireJob,
    session: DeviceSessionState,
    currentJobId: string | undefined,
  ): Promise<ExpiryResult | undefined> {
    const now = new Date();
    const decision = decideExpiry(session, now, this.policy);
    if (decision.kind === 'already-expired') {
      await this.publishOnce(job, session);

      return 'already-expired';
    }
    if (decision.kind === 'not-due') {
      await this.reschedule(job, decision.due.due_at, currentJobId);

      return 'rescheduled';
    }
    const { state } = expireSession(session, decision.due);
    // Telemetry moves the idle expiry without changing the revision, so the guard checks both.
    const idleExpiresAt = session.idle_expires_at.getTime();
    const written = await this.sessions.save(
      state,
      false,
      (stored) => stored.idle_expires_at.getTime() === idleExpiresAt,
    );
    if (!written) {
      return undefined;
    }
    this.metrics?.observeExpiryLag(decision.due.due_at, new Date());
    await this.publishOnce(job, state);

    return 'expired';
  }

  private async reschedule(job: SessionExpireJob, dueAt: Date, currentJobId?: string) {
    const due = expiryJobId(job.session_id, dueAt) === currentJobId ? new Date(+dueAt + 1) : dueAt;
    const jobId = await this.scheduler.schedule(job, due);
    this.logger.debug(
      { session_id: job.session_id, correlation_id: job.correlation_id, job_id: jobId },
      'device session still active, expiry rescheduled',
    );
  }

  /** Publishes `device-session.expired` unless an earlier run recorded that it did. */
  private async publishOnce(job: SessionExpireJob, session: DeviceSessionState): Promise<void> {
    if (session.expiry_published_at || !session.expired_at || !session.expiry_reason) {
      return;
    }
    const clearedUserId = session.user_history.find(
      (association) => association.cleared_by === 'expired',
    )?.user_id;
    const envelope = buildEnvelope({
      type: 'device-session.expired',
      eventId: derivedEventId('device-session.expired', session.session_id),
      tenantId: session.tenant_id,
      sessionId: session.session_id,
      correlationId: job.correlation_id,
      payload: {
        device_id: session.device_id,
        reason: session.expiry_reason,
        expired_at: session.expired_at.toISOString(),
        ...(clearedUserId !== undefined ? { cleared_user_id: clearedUserId } : {}),
      },
    });
    await this.publisher.publish(Topics.deviceSessionExpired, [envelope]);
    await this.sessions.markExpiryPublished(session.session_id, new Date());
    this.logger.info(
      {
        session_id: session.session_id,
        correlation_id: job.correlation_id,
        reason: session.expiry_reason,
      },
      'device session expired',
    );
  }
}

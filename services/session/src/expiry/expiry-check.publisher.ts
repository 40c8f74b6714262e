import { Injectable } from '@nestjs/common';
import { buildEnvelope, Topics } from '@vigil/contracts';
import { EventPublisher } from '@vigil/messaging';
import { derivedEventId } from '../device-session/derived-event-id';
import { SessionExpireJob } from './expiry.queue';

/**
 * Turns a fired timer or a sweep hit into a `session.expiry-due` event on the session's activity
 * partition. The activity consumer, the session's only writer, decides and writes the expiry
 * after every event received before the check, so an expiry never races with activity.
 */
@Injectable()
export class ExpiryCheckPublisher {
  constructor(private readonly publisher: EventPublisher) {}

  /** `checkId` names this check, so a retried job or a repeated sweep publishes the same event. */
  async request(job: SessionExpireJob, source: 'timer' | 'sweep', checkId: string): Promise<void> {
    const envelope = buildEnvelope({
      type: 'session.expiry-due',
      eventId: derivedEventId('session.expiry-due', checkId),
      tenantId: job.tenant_id,
      sessionId: job.session_id,
      correlationId: job.correlation_id,
      payload: { source },
    });
    await this.publisher.publish(Topics.sessionActivityRecorded, [envelope]);
  }
}

import { Injectable, Optional } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { buildEnvelope, Topics } from '@vigil/contracts';
import { EventPublisher } from '@vigil/messaging';
import { EndedSessions } from '@vigil/persistence';
import { derivedEventId } from '../device-session/derived-event-id';
import { DeviceSessionRepository } from '../device-session/device-session.repository';
import { SessionEndedOutput } from '../device-session/device-session.types';
import { ExpiryMetrics } from './expiry.metrics';

/**
 * Announces sessions whose end is written: marks them ended for the gateway, publishes
 * `device-session.expired` with an id derived from the session, then records the publication.
 * A crash in between announces again, with the same event id.
 */
@Injectable()
export class SessionEndAnnouncer {
  constructor(
    private readonly ended: EndedSessions,
    private readonly publisher: EventPublisher,
    private readonly sessions: DeviceSessionRepository,
    private readonly logger: PinoLogger,
    @Optional() private readonly metrics?: ExpiryMetrics,
  ) {
    this.logger.setContext(SessionEndAnnouncer.name);
  }

  async announce(ends: SessionEndedOutput[]): Promise<void> {
    if (ends.length === 0) {
      return;
    }
    for (const end of ends) {
      const mark = end.reason === 'revoked' ? 'revoked' : 'expired';
      await this.ended.record(end.session_id, mark, end.token_expires_at);
    }
    await this.publisher.publish(Topics.deviceSessionExpired, ends.map(toExpiredEnvelope));
    const at = new Date();
    for (const end of ends) {
      // A revocation ends the session when asked, so only timed ends have a lag to report.
      if (end.reason !== 'revoked') {
        this.metrics?.observeExpiryLag(end.expired_at, at);
      }
      await this.sessions.markExpiryPublished(end.session_id, at);
      this.logger.info(
        { session_id: end.session_id, correlation_id: end.correlation_id, reason: end.reason },
        'device session expired',
      );
    }
  }
}

function toExpiredEnvelope(end: SessionEndedOutput) {
  return buildEnvelope({
    type: 'device-session.expired',
    eventId: derivedEventId('device-session.expired', end.session_id),
    tenantId: end.tenant_id,
    sessionId: end.session_id,
    correlationId: end.correlation_id,
    payload: {
      device_id: end.device_id,
      reason: end.reason,
      expired_at: end.expired_at.toISOString(),
      ...(end.cleared_user_id !== undefined ? { cleared_user_id: end.cleared_user_id } : {}),
    },
  });
}

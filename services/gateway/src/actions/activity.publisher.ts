import { Injectable } from '@nestjs/common';
import {
  buildEnvelope,
  EventType,
  PayloadByType,
  Topics,
  TopicName,
  VigilError,
} from '@vigil/contracts';
import { EventPublisher } from '@vigil/messaging';
import { currentLogContext, setLogContext } from '@vigil/observability';

export interface SessionRef {
  tenantId: string;
  sessionId: string;
}

/**
 * Stamps server time and ids on an event and publishes it keyed by its device session. It
 * resolves only after Kafka acknowledged the write, so a 2xx response means the event is durable.
 */
@Injectable()
export class ActivityPublisher {
  constructor(private readonly publisher: EventPublisher) {}

  async publish<K extends EventType>(
    type: K,
    session: SessionRef,
    payload: PayloadByType[K],
    correlationId?: string,
  ): Promise<void> {
    const receivedAt = new Date();
    // Without a correlation id in the body, the event takes the request's, so both logs match.
    const envelope = buildEnvelope({
      type,
      tenantId: session.tenantId,
      sessionId: session.sessionId,
      correlationId: correlationId ?? currentLogContext().correlation_id,
      receivedAt,
      hops: { gateway_received_ms: receivedAt.getTime(), gateway_published_ms: Date.now() },
      payload,
    });
    setLogContext({
      correlation_id: envelope.correlation_id,
      tenant_id: envelope.tenant_id,
      session_id: envelope.session_id,
    });
    const topic: TopicName =
      type === 'telemetry.recorded' ? Topics.telemetryRecorded : Topics.sessionActivityRecorded;
    try {
      await this.publisher.publish(topic, [envelope]);
    } catch (error) {
      throw new VigilError(
        `could not publish the event, retry later: ${(error as Error).message}`,
        'publish_failed',
        true,
      );
    }
  }
}

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
    const envelope = buildEnvelope({
      type,
      tenantId: session.tenantId,
      sessionId: session.sessionId,
      correlationId,
      receivedAt,
      hops: { gateway_received_ms: receivedAt.getTime(), gateway_published_ms: Date.now() },
      payload,
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

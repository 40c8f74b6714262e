import { IHeaders, Producer } from 'kafkajs';
import { EventEnvelope, TopicName } from '@vigil/contracts';

/** Kafka headers every record carries, so consumers can route and log before decoding. */
export function envelopeHeaders(envelope: EventEnvelope): IHeaders {
  return {
    event_type: envelope.type,
    correlation_id: envelope.correlation_id,
    tenant_id: envelope.tenant_id,
  };
}

/**
 * Publishes envelopes keyed by device session id, so one session's events stay on one partition
 * and in order. The record timestamp is left to the producer (server time): the device's clock
 * stays in the payload.
 */
export class EventPublisher {
  constructor(private readonly producer: Producer) {}

  /** Resolves once every broker holding a partition acknowledged the write (acks = all). */
  async publish(topic: TopicName, envelopes: readonly EventEnvelope[]): Promise<void> {
    if (envelopes.length === 0) {
      return;
    }
    await this.producer.send({
      topic,
      acks: -1,
      messages: envelopes.map((envelope) => ({
        key: envelope.session_id,
        value: JSON.stringify(envelope),
        headers: envelopeHeaders(envelope),
      })),
    });
  }
}

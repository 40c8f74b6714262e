import { Span, SpanKind, trace } from '@opentelemetry/api';
import { IHeaders, Message, Producer } from 'kafkajs';
import { EventEnvelope, TopicName } from '@vigil/contracts';
import { isTracingEnabled, vigilTracer } from '@vigil/observability';
import { MessagingMetrics } from './messaging.metrics';
import { traceContextOf, traceHeaders } from './trace-headers';

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
 * stays in the payload. With tracing on, each record gets a producer span and its `traceparent`
 * header, in the trace of its envelope (see `continueTrace`) or else of the active context.
 */
export class EventPublisher {
  constructor(
    private readonly producer: Producer,
    private readonly metrics?: MessagingMetrics,
  ) {}

  /** Resolves once every broker holding a partition acknowledged the write (acks = all). */
  async publish(topic: TopicName, envelopes: readonly EventEnvelope[]): Promise<void> {
    if (envelopes.length === 0) {
      return;
    }
    const spans: Span[] = [];
    const messages = envelopes.map((envelope) => this.toMessage(topic, envelope, spans));
    try {
      await this.producer.send({ topic, acks: -1, messages });
      this.metrics?.produced.inc({ topic }, messages.length);
    } finally {
      spans.forEach((span) => span.end());
    }
  }

  private toMessage(topic: TopicName, envelope: EventEnvelope, spans: Span[]): Message {
    const headers = envelopeHeaders(envelope);
    if (isTracingEnabled()) {
      const span = vigilTracer().startSpan(
        `${topic} publish`,
        {
          kind: SpanKind.PRODUCER,
          attributes: { 'messaging.system': 'kafka', 'messaging.destination.name': topic },
        },
        traceContextOf(envelope),
      );
      spans.push(span);
      Object.assign(headers, traceHeaders(trace.setSpan(traceContextOf(envelope), span)));
    }

    return { key: envelope.session_id, value: JSON.stringify(envelope), headers };
  }
}

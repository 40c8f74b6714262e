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
 * Bytes of record values, keys and headers in one send. The broker rejects a record batch above
 * its `message.max.bytes` (about 1 MiB by default), and one send puts all records of a partition in
 * one batch, so the records of a large consumer batch go out in several sends.
 */
export const MAX_SEND_BYTES = 512 * 1024;

/**
 * Splits messages, in order, into runs of at most `maxBytes` each by their value, key and header
 * sizes. A message larger than `maxBytes` goes alone.
 */
export function splitBySize(messages: Message[], maxBytes: number): Message[][] {
  const runs: Message[][] = [];
  let run: Message[] = [];
  let runBytes = 0;
  for (const message of messages) {
    const bytes = messageBytes(message);
    if (run.length > 0 && runBytes + bytes > maxBytes) {
      runs.push(run);
      run = [];
      runBytes = 0;
    }
    run.push(message);
    runBytes += bytes;
  }
  if (run.length > 0) {
    runs.push(run);
  }

  return runs;
}

function messageBytes({ key, value, headers }: Message): number {
  const headerBytes = Object.entries(headers ?? {}).reduce(
    (sum, [name, header]) => sum + name.length + String(header ?? '').length,
    0,
  );

  return Buffer.byteLength(String(value ?? '')) + String(key ?? '').length + headerBytes;
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

  /**
   * Resolves once every broker holding a partition acknowledged the write (acks = all). Sends of
   * at most MAX_SEND_BYTES go out one after another, so records keep their order.
   */
  async publish(topic: TopicName, envelopes: readonly EventEnvelope[]): Promise<void> {
    if (envelopes.length === 0) {
      return;
    }
    const spans: Span[] = [];
    const messages = envelopes.map((envelope) => this.toMessage(topic, envelope, spans));
    try {
      for (const run of splitBySize(messages, MAX_SEND_BYTES)) {
        await this.producer.send({ topic, acks: -1, messages: run });
        this.metrics?.produced.inc({ topic }, run.length);
      }
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

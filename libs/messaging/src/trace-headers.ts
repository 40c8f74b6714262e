import { Context, context, Span, SpanKind, trace } from '@opentelemetry/api';
import { IHeaders } from 'kafkajs';
import { EventEnvelope } from '@vigil/contracts';
import { extractTraceContext, injectTraceContext, vigilTracer } from '@vigil/observability';

const contexts = new WeakMap<object, Context>();

/**
 * Ties `envelope` to the trace it belongs to, so that when it is published its record carries
 * that trace's `traceparent`. The batch consumer ties each decoded envelope to its record's span.
 */
export function setTraceContext(envelope: EventEnvelope, traceContext: Context): void {
  contexts.set(envelope, traceContext);
}

/** Returns the trace context tied to `envelope`, or the active context. */
export function traceContextOf(envelope: EventEnvelope): Context {
  return contexts.get(envelope) ?? context.active();
}

/**
 * Makes `derived`, an event built from `source` (an action contextualized from an action event, a
 * recommendation from a contextualized action), continue the trace of `source`. Returns `derived`.
 */
export function continueTrace<E extends EventEnvelope>(source: EventEnvelope, derived: E): E {
  const traceContext = contexts.get(source);
  if (traceContext) {
    contexts.set(derived, traceContext);
  }

  return derived;
}

/** Returns the W3C trace context headers of `traceContext`; none when tracing is off. */
export function traceHeaders(traceContext: Context): IHeaders {
  return injectTraceContext(traceContext);
}

/**
 * Starts the consumer span of one record as a child of the trace in its headers. Returns the span
 * and the context in which the record's work continues the trace.
 */
export function startRecordSpan(
  topic: string,
  group: string,
  headers: IHeaders | undefined,
): { span: Span; traceContext: Context } {
  const parent = extractTraceContext(headers);
  const span = vigilTracer().startSpan(
    `${topic} process`,
    {
      kind: SpanKind.CONSUMER,
      attributes: {
        'messaging.system': 'kafka',
        'messaging.destination.name': topic,
        'messaging.consumer.group.name': group,
      },
    },
    parent,
  );

  return { span, traceContext: trace.setSpan(parent, span) };
}

import { Context, context, propagation, ROOT_CONTEXT, TextMapGetter } from '@opentelemetry/api';

/** W3C trace context as text fields: `traceparent` and, when set, `tracestate`. */
export type TraceCarrier = Record<string, string>;

/** Returns the trace context of `from` (the active context by default) as carrier fields. */
export function injectTraceContext(from: Context = context.active()): TraceCarrier {
  const carrier: TraceCarrier = {};
  propagation.inject(from, carrier);

  return carrier;
}

/**
 * Returns the context that continues the trace in `carrier`, or the root context when it has none.
 * Values may be strings, Buffers (Kafka headers) or arrays of them; the first one is used.
 */
export function extractTraceContext(carrier: Record<string, unknown> | undefined): Context {
  if (!carrier) {
    return ROOT_CONTEXT;
  }

  return propagation.extract(ROOT_CONTEXT, carrier, carrierGetter);
}

const carrierGetter: TextMapGetter<Record<string, unknown>> = {
  keys: (carrier) => Object.keys(carrier),
  get: (carrier, key) => textOf(carrier[key]),
};

function textOf(value: unknown): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  if (typeof first === 'string') {
    return first;
  }

  return Buffer.isBuffer(first) ? first.toString('utf8') : undefined;
}

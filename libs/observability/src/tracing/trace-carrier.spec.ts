import { propagation, ROOT_CONTEXT, trace, TraceFlags } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { extractTraceContext, injectTraceContext } from './trace-carrier';
import { isTracingEnabled, tracesUrl } from './tracing';

const TRACE_ID = '0af7651916cd43dd8448eb211c80319c';
const SPAN_ID = 'b7ad6b7169203331';
const TRACEPARENT = `00-${TRACE_ID}-${SPAN_ID}-01`;

describe('trace carrier', () => {
  afterEach(() => propagation.disable());

  it('writes nothing while no propagator is registered', () => {
    const context = trace.setSpanContext(ROOT_CONTEXT, {
      traceId: TRACE_ID,
      spanId: SPAN_ID,
      traceFlags: TraceFlags.SAMPLED,
    });

    expect(injectTraceContext(context)).toEqual({});
  });

  it('round-trips a W3C traceparent', () => {
    propagation.setGlobalPropagator(new W3CTraceContextPropagator());

    const extracted = extractTraceContext({ traceparent: TRACEPARENT });

    expect(trace.getSpanContext(extracted)?.traceId).toBe(TRACE_ID);
    expect(injectTraceContext(extracted)).toEqual({ traceparent: TRACEPARENT });
  });

  it('reads Kafka header values given as Buffers or arrays', () => {
    propagation.setGlobalPropagator(new W3CTraceContextPropagator());

    const fromBuffer = extractTraceContext({ traceparent: Buffer.from(TRACEPARENT) });
    const fromArray = extractTraceContext({ traceparent: [Buffer.from(TRACEPARENT)] });

    expect(trace.getSpanContext(fromBuffer)?.spanId).toBe(SPAN_ID);
    expect(trace.getSpanContext(fromArray)?.spanId).toBe(SPAN_ID);
  });

  it('returns the root context without a carrier or with a malformed header', () => {
    propagation.setGlobalPropagator(new W3CTraceContextPropagator());

    expect(extractTraceContext(undefined)).toBe(ROOT_CONTEXT);
    expect(trace.getSpanContext(extractTraceContext({ traceparent: 'garbage' }))).toBeUndefined();
  });
});

describe('tracing settings', () => {
  it('is off until started with an endpoint', () => {
    expect(isTracingEnabled()).toBe(false);
  });

  it('appends the traces path to the collector URL', () => {
    expect(tracesUrl('http://127.0.0.1:4318')).toBe('http://127.0.0.1:4318/v1/traces');
    expect(tracesUrl('http://collector:4318/')).toBe('http://collector:4318/v1/traces');
  });
});

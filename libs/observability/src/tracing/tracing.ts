import { context, propagation, trace, Tracer } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';

let provider: BasicTracerProvider | undefined;

/**
 * Starts exporting spans over OTLP/HTTP (JSON) to `endpoint`, the collector's base URL
 * (`/v1/traces` is appended), with W3C trace context propagation. Without an endpoint nothing is
 * registered, so the OpenTelemetry API stays a no-op: spans are not recorded and no trace headers
 * are written. Returns whether tracing started.
 */
export function startTracing(service: string, endpoint: string | undefined): boolean {
  if (!endpoint || provider) {
    return false;
  }
  // The batch processor reads OTEL_BSP_SCHEDULE_DELAY and the other OTEL_BSP_* variables.
  const exporter = new OTLPTraceExporter({ url: tracesUrl(endpoint) });
  provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': service }),
    spanProcessors: [new BatchSpanProcessor(exporter)],
  });
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  trace.setGlobalTracerProvider(provider);

  return true;
}

/** Exports the spans still buffered and stops tracing. Does nothing when tracing is off. */
export async function stopTracing(): Promise<void> {
  await provider?.shutdown();
  provider = undefined;
}

/** Returns whether spans are exported, so hot paths can skip creating spans when they are not. */
export function isTracingEnabled(): boolean {
  return provider !== undefined;
}

/** Returns the tracer of Vigil's own spans. */
export function vigilTracer(): Tracer {
  return trace.getTracer('vigil');
}

/** Returns the OTLP traces URL under a collector's base URL. */
export function tracesUrl(endpoint: string): string {
  return `${endpoint.replace(/\/+$/, '')}/v1/traces`;
}

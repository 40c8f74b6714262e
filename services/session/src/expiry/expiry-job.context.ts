import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { Job } from 'bullmq';
import {
  extractTraceContext,
  isTracingEnabled,
  runWithLogContext,
  vigilTracer,
} from '@vigil/observability';
import { ExpiryMetrics } from './expiry.metrics';
import { SessionExpireJob } from './expiry.queue';

/**
 * Runs an expiry job with its ids on every log line, times it, and, when tracing is on, inside a
 * span that continues the trace of the activity that scheduled the timer.
 */
export async function runExpiryJobInContext<T>(
  job: Job<SessionExpireJob>,
  metrics: ExpiryMetrics,
  run: () => Promise<T>,
): Promise<T> {
  const { tenant_id, session_id, correlation_id } = job.data;
  const stopTimer = metrics.jobDuration.startTimer();
  try {
    return await runWithLogContext({ tenant_id, session_id, correlation_id }, () =>
      isTracingEnabled() ? runInSpan(job, run) : run(),
    );
  } finally {
    stopTimer();
  }
}

async function runInSpan<T>(job: Job<SessionExpireJob>, run: () => Promise<T>): Promise<T> {
  const parent = extractTraceContext(job.data.trace_context);
  const span = vigilTracer().startSpan(
    job.name,
    { kind: SpanKind.CONSUMER, attributes: { 'messaging.system': 'bullmq', 'job.id': job.id } },
    parent,
  );
  try {
    return await context.with(trace.setSpan(parent, span), run);
  } catch (error) {
    span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
    throw error;
  } finally {
    span.end();
  }
}

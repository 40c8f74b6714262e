import {
  Context,
  context,
  ProxyTracerProvider,
  Span,
  SpanKind,
  SpanStatusCode,
  trace,
} from '@opentelemetry/api';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import { LogContext, runWithLogContext } from '../logging/log-context';
import { isQuietPath } from '../logging/quiet-paths';
import { HttpMetrics } from '../metrics/http.metrics';
import { ShutdownGate, SHUTTING_DOWN_BODY } from '../shutdown/shutdown-gate';
import { extractTraceContext } from '../tracing/trace-carrier';
import { vigilTracer } from '../tracing/tracing';

/** State the hooks keep about one request between its start and its response. */
interface RequestObservation {
  startedNs: bigint;
  span: Span;
  traceContext: Context;
  log: LogContext;
  admitted: boolean;
}

/** Header a caller may set to tie its own logs to Vigil's; other values get a fresh id. */
export const CORRELATION_HEADER = 'x-correlation-id';
const CORRELATION_ID_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;

const observations = new WeakMap<FastifyRequest, RequestObservation>();
const noopTracer = new ProxyTracerProvider().getTracer('vigil-quiet');

export interface HttpObservers {
  metrics?: HttpMetrics;
  gate?: ShutdownGate;
}

/**
 * Adds Fastify hooks that give every request a server span (continuing a W3C `traceparent` header),
 * a correlation id on each of its log lines, a count and latency by route pattern, and a 503
 * `shutting_down` once the service drains. Call it before the application's routes are registered.
 */
export function observeHttpRequests(fastify: FastifyInstance, observers: HttpObservers): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    const observation = startObservation(request, observers.gate);
    observations.set(request, observation);
    if (!observation.admitted) {
      void reply.code(503).send(SHUTTING_DOWN_BODY);

      return;
    }
    runInObservation(observation, done);
  });
  // Body parsing may leave the async context of onRequest, so the handler's context is set again.
  fastify.addHook('preHandler', (request, _reply, done) => {
    const observation = observations.get(request);
    if (!observation) {
      return done();
    }
    runInObservation(observation, done);
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    const observation = observations.get(request);
    if (observation) {
      finishObservation(request, reply, observation, observers);
    }
    done();
  });
}

/** Returns the correlation id of a request: its `x-correlation-id` header when valid. */
export function correlationIdOf(headers: FastifyRequest['headers']): string {
  const value = headers[CORRELATION_HEADER];
  const candidate = Array.isArray(value) ? value[0] : value;

  return candidate && CORRELATION_ID_PATTERN.test(candidate) ? candidate : randomUUID();
}

function startObservation(request: FastifyRequest, gate?: ShutdownGate): RequestObservation {
  const path = request.url.split('?')[0];
  const parent = extractTraceContext(request.headers);
  // Probes and scrapes get no span of their own, so they do not flood the traces.
  const tracer = isQuietPath(path) ? noopTracer : vigilTracer();
  const span = tracer.startSpan(
    request.method,
    { kind: SpanKind.SERVER, attributes: { 'http.request.method': request.method } },
    parent,
  );

  return {
    startedNs: process.hrtime.bigint(),
    span,
    traceContext: trace.setSpan(parent, span),
    log: { correlation_id: correlationIdOf(request.headers) },
    admitted: gate?.admit(path) ?? true,
  };
}

function runInObservation(observation: RequestObservation, next: () => void): void {
  runWithLogContext(observation.log, () => context.with(observation.traceContext, next));
}

function finishObservation(
  request: FastifyRequest,
  reply: FastifyReply,
  observation: RequestObservation,
  observers: HttpObservers,
): void {
  const route = request.routeOptions.url;
  const seconds = Number(process.hrtime.bigint() - observation.startedNs) / 1e9;
  observers.metrics?.observe(request.method, route, reply.statusCode, seconds);
  if (observation.admitted) {
    observers.gate?.release();
  }
  const { span } = observation;
  span.updateName(route ? `${request.method} ${route}` : request.method);
  span.setAttributes({
    'http.response.status_code': reply.statusCode,
    ...(route && { 'http.route': route }),
  });
  if (reply.statusCode >= 500) {
    span.setStatus({ code: SpanStatusCode.ERROR });
  }
  span.end();
}

import { Counter, Histogram, Registry } from 'prom-client';
import { counter, DURATION_BUCKETS, histogram } from './metric-factory';

type HttpLabel = 'method' | 'route' | 'status';

/** Route label of a request that matched no route, so unknown paths never grow the series. */
export const UNMATCHED_ROUTE = 'unmatched';

/** Counts HTTP requests and their latency by method, route pattern and status. */
export class HttpMetrics {
  private readonly requests: Counter<HttpLabel>;
  private readonly durations: Histogram<HttpLabel>;

  constructor(registry: Registry) {
    this.requests = counter(registry, {
      name: 'vigil_http_requests_total',
      help: 'HTTP requests by method, route pattern and status code',
      labelNames: ['method', 'route', 'status'],
    });
    this.durations = histogram(registry, {
      name: 'vigil_http_request_duration_seconds',
      help: 'Time from receiving an HTTP request to sending its response, in seconds',
      labelNames: ['method', 'route', 'status'],
      buckets: DURATION_BUCKETS,
    });
  }

  /** Records one response; `route` is the pattern (`/risk/v1/sessions/:id`), never the raw URL. */
  observe(method: string, route: string | undefined, status: number, seconds: number): void {
    const labels = { method, route: route ?? UNMATCHED_ROUTE, status: String(status) };
    this.requests.inc(labels);
    this.durations.observe(labels, seconds);
  }
}

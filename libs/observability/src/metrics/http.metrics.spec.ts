import { Registry } from 'prom-client';
import { HttpMetrics, UNMATCHED_ROUTE } from './http.metrics';
import { counter, createMetricRegistry } from './metric-factory';

describe(HttpMetrics.name, () => {
  it('counts requests by method, route pattern and status', async () => {
    const registry = new Registry();
    const metrics = new HttpMetrics(registry);

    metrics.observe('GET', '/risk/v1/sessions/:session_id', 200, 0.012);
    metrics.observe('GET', '/risk/v1/sessions/:session_id', 200, 0.02);
    metrics.observe('GET', undefined, 404, 0.001);
    const text = await registry.metrics();

    expect(text).toContain(
      'vigil_http_requests_total{method="GET",route="/risk/v1/sessions/:session_id",status="200"} 2',
    );
    expect(text).toContain(
      `vigil_http_requests_total{method="GET",route="${UNMATCHED_ROUTE}",status="404"} 1`,
    );
    expect(text).toContain(
      'vigil_http_request_duration_seconds_count{method="GET",route="/risk/v1/sessions/:session_id",status="200"} 2',
    );
  });
});

describe('metric helpers', () => {
  it('return the registered metric on a second creation', () => {
    const registry = new Registry();
    const config = { name: 'vigil_test_total', help: 'test', labelNames: ['topic'] as const };

    const first = counter(registry, { ...config, labelNames: [...config.labelNames] });
    const second = counter(registry, { ...config, labelNames: [...config.labelNames] });

    expect(second).toBe(first);
  });

  it('prefix the default process metrics with vigil_', async () => {
    const text = await createMetricRegistry().metrics();

    expect(text).toContain('vigil_process_cpu_seconds_total');
    expect(text).toContain('vigil_nodejs_heap_size_used_bytes');
  });
});

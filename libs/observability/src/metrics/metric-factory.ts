import {
  collectDefaultMetrics,
  Counter,
  CounterConfiguration,
  Gauge,
  GaugeConfiguration,
  Histogram,
  HistogramConfiguration,
  Metric,
  Registry,
} from 'prom-client';

/** Prefix of every metric a Vigil service exports, default process metrics included. */
export const METRIC_PREFIX = 'vigil_';

/** Buckets in seconds for HTTP, decision and job durations: 1 ms to 10 s. */
export const DURATION_BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** Creates a service's registry with the default process metrics, named `vigil_process_…`. */
export function createMetricRegistry(): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: METRIC_PREFIX });

  return registry;
}

/**
 * Returns the counter registered under `config.name`, creating it on first use. Two components
 * that count the same metric share one series, and a module built twice in a test process does
 * not fail with a duplicate registration.
 */
export function counter<L extends string>(
  registry: Registry,
  config: Omit<CounterConfiguration<L>, 'registers'>,
): Counter<L> {
  return getOrCreate(
    registry,
    config.name,
    () => new Counter({ ...config, registers: [registry] }),
  );
}

/** Returns the histogram registered under `config.name`, creating it on first use. */
export function histogram<L extends string>(
  registry: Registry,
  config: Omit<HistogramConfiguration<L>, 'registers'>,
): Histogram<L> {
  const create = () => new Histogram({ ...config, registers: [registry] });

  return getOrCreate(registry, config.name, create);
}

/** Returns the gauge registered under `config.name`, creating it on first use. */
export function gauge<L extends string>(
  registry: Registry,
  config: Omit<GaugeConfiguration<L>, 'registers'>,
): Gauge<L> {
  return getOrCreate(registry, config.name, () => new Gauge({ ...config, registers: [registry] }));
}

function getOrCreate<M extends Metric>(registry: Registry, name: string, create: () => M): M {
  return (registry.getSingleMetric(name) as M | undefined) ?? create();
}

/** Injection token of the service's prom-client `Registry`. */
export const METRIC_REGISTRY = Symbol('METRIC_REGISTRY');

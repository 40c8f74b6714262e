import { Global, Module } from '@nestjs/common';
import { Registry } from 'prom-client';
import { HttpMetrics } from './http.metrics';
import { createMetricRegistry } from './metric-factory';
import { MetricsController } from './metrics.controller';
import { METRIC_REGISTRY } from './metrics.tokens';

/**
 * One prom-client registry per service, served at GET /metrics. Components inject it by
 * `METRIC_REGISTRY` and create their metrics with the `counter`, `histogram` and `gauge` helpers.
 */
@Global()
@Module({
  controllers: [MetricsController],
  providers: [
    { provide: METRIC_REGISTRY, useFactory: createMetricRegistry },
    {
      provide: HttpMetrics,
      inject: [METRIC_REGISTRY],
      useFactory: (registry: Registry) => new HttpMetrics(registry),
    },
  ],
  exports: [METRIC_REGISTRY, HttpMetrics],
})
export class MetricsModule {}

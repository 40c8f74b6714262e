import { LogContext } from '@vigil/observability';
import { ConsumedEvent } from './batch-consumer';

/**
 * Returns the ids that all events of a batch share, for every log line written while the batch
 * is applied. An id that differs between events is left out: lines about one event name it.
 */
export function batchLogContext(events: readonly ConsumedEvent[]): LogContext {
  const context: LogContext = {};
  for (const key of ['correlation_id', 'tenant_id', 'session_id'] as const) {
    const values = new Set(events.map((event) => event.envelope[key]));
    if (values.size === 1) {
      context[key] = [...values][0];
    }
  }

  return context;
}

import { Registry } from 'prom-client';
import { ConsumedEvent } from './batch-consumer';
import { batchLogContext } from './batch-log-context';
import { lagAfterBatch, MessagingMetrics } from './messaging.metrics';

describe(lagAfterBatch.name, () => {
  it('counts the records after the batch up to the high watermark', () => {
    expect(lagAfterBatch('120', '99')).toBe(20);
  });

  it('is zero when the batch reached the end of the partition', () => {
    expect(lagAfterBatch('100', '99')).toBe(0);
  });
});

describe(MessagingMetrics.name, () => {
  it('records a batch as consumed records, a batch size and the partition lag', async () => {
    const registry = new Registry();
    const metrics = new MessagingMetrics(registry);

    metrics.recordBatch({ topic: 't1', partition: 3, size: 5, lag: 7 }, 'g1');
    metrics.recordBatch({ topic: 't1', partition: 3, size: 2, lag: 0 }, 'g1');
    const text = await registry.metrics();

    expect(text).toContain('vigil_kafka_records_consumed_total{topic="t1",group="g1"} 7');
    expect(text).toContain('vigil_kafka_batch_size_count{topic="t1",group="g1"} 2');
    expect(text).toContain('vigil_kafka_consumer_lag{topic="t1",group="g1",partition="3"} 0');
  });
});

function event(fields: { correlation_id: string; tenant_id: string; session_id: string }) {
  return { envelope: fields } as unknown as ConsumedEvent;
}

describe(batchLogContext.name, () => {
  it('keeps the ids all events share and drops those that differ', () => {
    const events = [
      event({ correlation_id: 'c1', tenant_id: 't1', session_id: 's1' }),
      event({ correlation_id: 'c2', tenant_id: 't1', session_id: 's1' }),
    ];

    expect(batchLogContext(events)).toEqual({ tenant_id: 't1', session_id: 's1' });
  });

  it('is empty for an empty batch', () => {
    expect(batchLogContext([])).toEqual({});
  });
});

import { VigilSdkError } from '../core/sdk.error';
import { ManualScheduler } from '../testing/manual-scheduler';
import { BatchingOptions, TelemetryBatcher } from './telemetry-batcher';
import { TelemetryEvent } from './telemetry-event';

const OPTIONS: BatchingOptions = {
  batchSize: 3,
  flushIntervalMs: 5_000,
  maxQueuedEvents: 5,
  backoff: { initialDelayMs: 1_000, maxDelayMs: 8_000 },
};

function event(index: number): TelemetryEvent {
  return { type: 'page_load', device_time: index, attributes: { index } };
}

describe('TelemetryBatcher', () => {
  let scheduler: ManualScheduler;
  let sent: TelemetryEvent[][];
  let failures: VigilSdkError[];
  let nextResult: Array<VigilSdkError | undefined>;

  function makeBatcher(): TelemetryBatcher {
    return new TelemetryBatcher(
      async (events) => {
        const failure = nextResult.shift();
        if (failure) {
          throw failure;
        }
        sent.push(events);
      },
      scheduler,
      OPTIONS,
      (error) => failures.push(error),
    );
  }

  beforeEach(() => {
    scheduler = new ManualScheduler();
    sent = [];
    failures = [];
    nextResult = [];
  });

  it('sends a full batch at once', async () => {
    const batcher = makeBatcher();
    [1, 2, 3].forEach((index) => batcher.add(event(index)));
    await scheduler.advance(0);

    expect(sent).toHaveLength(1);
    expect(sent[0].map((item) => item.device_time)).toEqual([1, 2, 3]);
  });

  it('sends a partial batch after the flush interval', async () => {
    const batcher = makeBatcher();
    batcher.add(event(1));
    await scheduler.advance(4_999);
    expect(sent).toHaveLength(0);

    await scheduler.advance(1);
    expect(sent).toEqual([[event(1)]]);
  });

  it('retries a retriable failure after backoff', async () => {
    const batcher = makeBatcher();
    nextResult = [new VigilSdkError('down', 'network_error', 0, true)];
    batcher.add(event(1));
    await scheduler.advance(5_000);
    expect(sent).toHaveLength(0);
    expect(batcher.queuedEvents).toBe(1);

    await scheduler.advance(1_000);
    expect(sent).toEqual([[event(1)]]);
    expect(failures).toHaveLength(0);
  });

  it('drops a batch the gateway rejects as invalid', async () => {
    const batcher = makeBatcher();
    nextResult = [new VigilSdkError('bad', 'invalid_request', 400, false)];
    batcher.add(event(1));
    await batcher.flush();

    expect(batcher.queuedEvents).toBe(0);
    expect(failures.map((failure) => failure.code)).toEqual(['invalid_request']);
  });

  it('drops the oldest events during a long outage and reports the count', async () => {
    const batcher = makeBatcher();
    const down = () => new VigilSdkError('down', 'network_error', 0, true);
    nextResult = [down(), down(), down()];
    for (let index = 1; index <= 9; index += 1) {
      batcher.add(event(index));
      await scheduler.advance(100);
    }
    await scheduler.advance(60_000);

    const delivered = sent.flat();
    expect(delivered[0]).toEqual({
      type: 'telemetry_dropped',
      device_time: expect.any(Number),
      attributes: { dropped_events: 4 },
    });
    expect(delivered.slice(1).map((item) => item.device_time)).toEqual([5, 6, 7, 8, 9]);
  });

  it('hands queued events to a beacon and takes them back', () => {
    const batcher = makeBatcher();
    batcher.add(event(1));
    const taken = batcher.takeForBeacon();
    expect(taken).toEqual([event(1)]);
    expect(batcher.queuedEvents).toBe(0);

    batcher.restore(taken);
    expect(batcher.queuedEvents).toBe(1);
  });
});

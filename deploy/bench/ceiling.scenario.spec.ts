import { parseProducerPerformance } from './ceiling.scenario';

describe('parseProducerPerformance', () => {
  it('reads the last summary line', () => {
    const output = [
      '100 records sent, 20.0 records/sec (0.01 MB/sec), 3.0 ms avg latency, 9.0 ms max latency.',
      '50000 records sent, 92760.7 records/sec (54.31 MB/sec), 120.50 ms avg latency, 400.00 ms ' +
        'max latency, 100 ms 50th, 250 ms 95th, 311 ms 99th, 390 ms 99.9th.',
    ].join('\n');

    expect(parseProducerPerformance(output)).toEqual({
      recordsPerSecond: 92760.7,
      megabytesPerSecond: 54.31,
      p99Ms: 311,
    });
  });

  it('fails without a summary line', () => {
    expect(() => parseProducerPerformance('usage: kafka-producer-perf-test')).toThrow(/usage/);
  });
});

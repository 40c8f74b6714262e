import { BenchResult } from './bench.result';
import { loadBenchSettings } from './bench.settings';
import { checkTargets } from './bench.targets';

function result(partial: Partial<BenchResult>): BenchResult {
  return {
    environment: { date: '', command: '', cpus: 2, cpuModel: '', memoryGiB: 1, versions: {} },
    settings: loadBenchSettings({}),
    durationSeconds: 1,
    rssAtRestMiB: {},
    failures: {},
    ...partial,
  };
}

function ingestCase(batch: number, ratio: number[]) {
  return {
    batch,
    gatewayEventsPerSecond: [],
    gatewayP50Ms: [],
    gatewayP99Ms: [],
    gatewayErrors: [],
    kafkajsRecordsPerSecond: [],
    kafkajsMegabytesPerSecond: [],
    kafkajsP99Ms: [],
    ratio,
  };
}

describe('checkTargets', () => {
  it('reports unmeasured targets as unknown', () => {
    const checks = checkTargets(result({}));

    expect(checks).toHaveLength(6);
    expect(checks.every((check) => check.met === undefined)).toBe(true);
  });

  it('fails ingest when one batch size is below half', () => {
    const ingest = { cases: [ingestCase(1, [0.4, 0.6, 0.3]), ingestCase(10, [0.9])], rss: {} };

    const [check] = checkTargets(result({ ingest }));

    expect(check.met).toBe(false);
    expect(check.measured).toBe('ratio by batch size 1: 0.40, 10: 0.90');
  });

  it('passes ingest when every median is at least half', () => {
    const ingest = { cases: [ingestCase(1, [0.5, 0.7, 0.2])], rss: {} };

    expect(checkTargets(result({ ingest }))[0].met).toBe(true);
  });
});

import { loadBenchSettings } from './bench.settings';

describe('loadBenchSettings', () => {
  it('uses the defaults without variables', () => {
    const settings = loadBenchSettings({});

    expect(settings.seconds).toBe(10);
    expect(settings.runs).toBe(3);
    expect(settings.scenarios).toEqual(['ceiling', 'ingest', 'session', 'decisions', 'expiry']);
    expect(settings.expirySessions).toEqual([100_000, 1_000_000]);
    expect(settings.mongoDatabase).toBe('vigil_bench');
  });

  it('reads durations, lists and scenarios', () => {
    const settings = loadBenchSettings({
      BENCH_SECONDS: '2',
      BENCH_BATCH_SIZES: '1, 5',
      BENCH_SCENARIOS: 'expiry,ceiling',
    });

    expect(settings.seconds).toBe(2);
    expect(settings.batchSizes).toEqual([1, 5]);
    expect(settings.scenarios).toEqual(['ceiling', 'expiry']);
  });

  it('rejects a duration that is not an integer', () => {
    expect(() => loadBenchSettings({ BENCH_SECONDS: '1.5' })).toThrow(/BENCH_SECONDS=1.5/);
  });

  it('rejects an unknown scenario', () => {
    expect(() => loadBenchSettings({ BENCH_SCENARIOS: 'ingest,load' })).toThrow(/load/);
  });

  it('rejects a database without bench in its name', () => {
    expect(() => loadBenchSettings({ BENCH_MONGODB_DATABASE: 'vigil' })).toThrow(/bench/);
  });
});

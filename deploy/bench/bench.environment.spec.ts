import { benchCommand } from './bench.environment';

describe('benchCommand', () => {
  it('lists the BENCH variables in order', () => {
    const command = benchCommand({ BENCH_RUNS: '1', PATH: '/bin', BENCH_LABEL: 'smoke run' });

    expect(command).toBe('BENCH_LABEL="smoke run" BENCH_RUNS=1 npm run bench');
  });
});

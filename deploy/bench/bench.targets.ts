import { BenchResult } from './bench.result';
import { formatNumber } from './report.format';
import { spreadOf } from './stats';

/** One target of docs/benchmarks.md checked against a run's medians. */
export interface TargetCheck {
  target: string;
  measured: string;
  /** undefined when the run did not measure it. */
  met: boolean | undefined;
}

function ingestTarget(result: BenchResult): TargetCheck {
  const cases = result.ingest?.cases ?? [];
  const ratios = cases.map((entry) => spreadOf(entry.ratio).median);
  const text = cases
    .map((entry, index) => `${entry.batch}: ${formatNumber(ratios[index], 2)}`)
    .join(', ');

  return {
    target: 'gateway ingest ≥ 0.5 × plain kafkajs events/s, same batches',
    measured: cases.length > 0 ? `ratio by batch size ${text}` : 'not measured',
    met: cases.length > 0 ? ratios.every((ratio) => ratio >= 0.5) : undefined,
  };
}

function sessionTargets(result: BenchResult): TargetCheck[] {
  const runs = result.session?.runs ?? [];
  const rate = spreadOf(runs.map((run) => run.eventsPerSecond)).median;
  const writesPerSessionBatch = spreadOf(
    runs.map((run) => run.updateStatements / run.sessionBatches),
  ).median;
  const redisPerEvent = spreadOf(runs.map((run) => run.redisCommands / run.events)).median;
  const measured = runs.length > 0;

  return [
    {
      target: 'session apply ≥ 20,000 telemetry events/s',
      measured: measured ? `${formatNumber(rate)} events/s` : 'not measured',
      met: measured ? rate >= 20_000 : undefined,
    },
    {
      target: '≤ 1 store write per session per consumer batch',
      measured: measured ? `${formatNumber(writesPerSessionBatch, 2)} writes` : 'not measured',
      met: measured ? writesPerSessionBatch <= 1 : undefined,
    },
    {
      target: 'no queue operation per telemetry event',
      measured: measured
        ? `${formatNumber(redisPerEvent, 4)} Redis commands per event (server-wide)`
        : 'not measured',
      // Any share of a command per event means something queues per event.
      met: measured ? redisPerEvent < 0.01 : undefined,
    },
  ];
}

function decisionTarget(result: BenchResult): TargetCheck {
  const at200 = result.decisions?.cases.find((entry) => entry.rate === 200);
  const p99 = spreadOf(at200?.runs.map((run) => run.p99Ms) ?? []).median;

  return {
    target: 'decision p99 ≤ 50 ms at 200 actions/s with background telemetry',
    measured: at200 ? `p99 ${formatNumber(p99, 1)} ms` : 'not measured at 200 actions/s',
    met: at200 ? p99 <= 50 : undefined,
  };
}

function redisTarget(result: BenchResult): TargetCheck {
  const runs = result.expiry?.memory ?? [];
  const largest = runs[runs.length - 1];

  return {
    target: '≤ 1 KB of Redis per active session',
    measured: largest
      ? `${formatNumber(largest.bytesPerSession)} bytes per session timer at ${formatNumber(largest.sessions)} sessions`
      : 'not measured',
    met: largest ? largest.bytesPerSession <= 1024 : undefined,
  };
}

export function checkTargets(result: BenchResult): TargetCheck[] {
  return [
    ingestTarget(result),
    ...sessionTargets(result),
    decisionTarget(result),
    redisTarget(result),
  ];
}

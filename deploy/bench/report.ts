import { BenchResult } from './bench.result';
import { checkTargets } from './bench.targets';
import { HOP_SEGMENTS } from './decision.hops';
import { formatNumber, formatSpread, markdownTable } from './report.format';

function environmentSection(result: BenchResult): string {
  const { environment: env, settings } = result;
  const versions = Object.entries(env.versions)
    .map(([name, version]) => `${name} ${version}`)
    .join(', ');
  const label = settings.label ? `**${settings.label}.** ` : '';

  return [
    `${label}Measured ${env.date} on ${env.cpus} cores (${env.cpuModel}) with ` +
      `${formatNumber(env.memoryGiB, 1)} GiB of memory, in ${formatNumber(result.durationSeconds)} s.`,
    `Versions: ${versions}.`,
    `Command: \`${env.command}\``,
    `Each case: ${settings.warmupSeconds} s warm-up, then ${settings.seconds} s measured; ` +
      `runs per case: ${settings.runs}. Values are "median (min–max)" over the runs.`,
  ].join('\n\n');
}

function ceilingSection(result: BenchResult): string {
  const rows: string[][] = [];
  const tool = result.ceiling?.producerPerformance;
  if (tool) {
    rows.push([
      'ProducerPerformance (Java client, acks=all)',
      '-',
      formatSpread(tool.recordsPerSecond),
      formatSpread(tool.megabytesPerSecond, 1),
      formatSpread(tool.p99Ms, 1),
    ]);
  }
  for (const entry of result.ingest?.cases ?? []) {
    rows.push([
      'kafkajs 2.2.4, acks=all',
      String(entry.batch),
      formatSpread(entry.kafkajsRecordsPerSecond),
      formatSpread(entry.kafkajsMegabytesPerSecond, 1),
      formatSpread(entry.kafkajsP99Ms, 1),
    ]);
  }
  const bytes = result.ceiling?.recordBytes;

  return [
    `### Producer ceiling${bytes ? ` (${bytes}-byte records)` : ''}`,
    markdownTable(['producer', 'records per send', 'records/s', 'MiB/s', 'p99 ms'], rows),
  ].join('\n\n');
}

function ingestSection(result: BenchResult): string {
  const rows = (result.ingest?.cases ?? []).map((entry) => [
    String(entry.batch),
    formatSpread(entry.gatewayEventsPerSecond),
    formatSpread(entry.gatewayP50Ms, 1),
    formatSpread(entry.gatewayP99Ms, 1),
    formatSpread(entry.gatewayErrors),
    formatSpread(entry.kafkajsRecordsPerSecond),
    formatSpread(entry.ratio, 2),
  ]);

  return [
    `### Gateway ingest (${result.settings.connections} connections)`,
    markdownTable(
      [
        'events per request',
        'accepted events/s',
        'p50 ms',
        'p99 ms',
        'errors',
        'kafkajs records/s',
        'ratio',
      ],
      rows,
    ),
  ].join('\n\n');
}

function sessionSection(result: BenchResult): string {
  const session = result.session;
  if (!session) {
    return '### Session apply\n\nnot measured';
  }
  const runs = session.runs;
  const per = (pick: (run: (typeof runs)[number]) => number) => runs.map(pick);
  const rows = [
    ['events/s (first lag drop to zero lag)', formatSpread(per((run) => run.eventsPerSecond))],
    [
      'seconds from readiness to zero lag',
      formatSpread(
        per((run) => run.secondsFromReady),
        1,
      ),
    ],
    ['consumer batches', formatSpread(per((run) => run.consumerBatches))],
    ['records per batch', formatSpread(per((run) => run.events / run.consumerBatches))],
    [
      'update statements per event',
      formatSpread(
        per((run) => run.updateStatements / run.events),
        3,
      ),
    ],
    [
      'update statements per (session, batch)',
      formatSpread(
        per((run) => run.updateStatements / run.sessionBatches),
        2,
      ),
    ],
    [
      'bulkWrite (update) commands per event',
      formatSpread(
        per((run) => run.updateCommands / run.events),
        4,
      ),
    ],
    [
      'find commands per event',
      formatSpread(
        per((run) => run.findCommands / run.events),
        3,
      ),
    ],
    [
      'Redis commands per event (server-wide)',
      formatSpread(
        per((run) => run.redisCommands / run.events),
        4,
      ),
    ],
  ];
  const events = runs[0]?.events ?? 0;

  return [
    `### Session apply (${formatNumber(events)} one-event records over ${formatNumber(session.sessions)} sessions)`,
    markdownTable(['quantity', 'value'], rows),
  ].join('\n\n');
}

function decisionsSection(result: BenchResult): string {
  const rows = (result.decisions?.cases ?? []).map(({ rate, runs }) => {
    const share = (segment: (typeof HOP_SEGMENTS)[number]) => {
      const means = runs.map((run) => run.segmentMeansMs[segment]);

      return formatSpread(means, 1);
    };

    return [
      String(rate),
      formatSpread(
        runs.map((run) => run.completed / run.triggered),
        3,
      ),
      formatSpread(runs.map((run) => run.budgetExceeded)),
      formatSpread(
        runs.map((run) => run.p50Ms),
        1,
      ),
      formatSpread(
        runs.map((run) => run.p95Ms),
        1,
      ),
      formatSpread(
        runs.map((run) => run.p99Ms),
        1,
      ),
      ...HOP_SEGMENTS.map(share),
      formatSpread(
        runs.map((run) => run.benchEventLoopDelayP99Ms),
        1,
      ),
    ];
  });

  return [
    `### Decisions (background: ${result.settings.backgroundTelemetryRate} telemetry requests/s of 10 events)`,
    markdownTable(
      [
        'actions/s',
        'completed',
        'budget exceeded',
        'p50 ms',
        'p95 ms',
        'p99 ms',
        ...HOP_SEGMENTS.map((s) => `${s} ms`),
        'bench loop delay p99 ms',
      ],
      rows,
    ),
    'Hop columns are the mean milliseconds of each segment, so they add up to the mean latency.',
  ].join('\n\n');
}

function expirySection(result: BenchResult): string {
  const expiry = result.expiry;
  if (!expiry) {
    return '### Expiry timers\n\nnot measured';
  }
  const memoryRows = expiry.memory.map((run) => [
    formatNumber(run.sessions),
    formatNumber(run.bytesPerSession),
    `${formatNumber(run.jobHashBytes)} (${run.jobHashEncoding})`,
    formatNumber(run.scheduleSeconds, 1),
    formatNumber(run.timersPerSecond),
    formatNumber(run.removeSeconds, 1),
  ]);
  const due = expiry.dueAtOnce;

  return [
    '### Expiry timers',
    markdownTable(
      [
        'sessions',
        'Redis bytes per session',
        'one job hash, bytes (encoding)',
        'schedule s',
        'timers/s',
        'remove s',
      ],
      memoryRows,
    ),
    markdownTable(
      ['timers due at once', 'drain s', 'jobs/s', 'late p50 s', 'late p99 s', 'late max s'],
      [
        [
          formatNumber(due.sessions),
          formatNumber(due.drainSeconds, 1),
          formatNumber(due.jobsPerSecond),
          formatNumber(due.lateP50Seconds, 2),
          formatNumber(due.lateP99Seconds, 2),
          formatNumber(due.lateMaxSeconds, 2),
        ],
      ],
    ),
  ].join('\n\n');
}

function memorySection(result: BenchResult): string {
  const names = ['gateway', 'session', 'scoring'] as const;
  const rows = names.map((name) => [
    name,
    formatNumber(result.rssAtRestMiB[name] ?? Number.NaN),
    formatNumber(result.ingest?.rss[name as 'gateway' | 'scoring']?.maxMiB ?? Number.NaN),
    formatNumber(result.decisions?.rss[name]?.maxMiB ?? Number.NaN),
  ]);

  return [
    '### Resident memory (MiB, VmRSS)',
    markdownTable(['service', 'at rest', 'max under ingest', 'max under decisions'], rows),
  ].join('\n\n');
}

function profilesSection(result: BenchResult): string {
  const profiles = Object.entries(result.cpuProfiles ?? {});
  if (profiles.length === 0) {
    return '';
  }
  const rows = profiles.map(([service, profile]) => [
    service,
    formatNumber(profile.busyMs / 1000, 1),
    profile.packages
      .slice(0, 5)
      .map((entry) => `${entry.name} ${formatNumber(entry.share * 100)}%`)
      .join(', '),
    profile.functions
      .slice(0, 3)
      .map((entry) => `\`${entry.name}\` ${formatNumber(entry.share * 100)}%`)
      .join(', '),
  ]);

  return [
    '### CPU profiles (busiest process of each service, self time as a share of busy time)',
    markdownTable(['service', 'busy s', 'top packages', 'top functions'], rows),
  ].join('\n\n');
}

function metText(met: boolean | undefined): string {
  if (met === undefined) {
    return 'not measured';
  }

  return met ? 'met' : 'not met';
}

function targetsSection(result: BenchResult): string {
  const rows = checkTargets(result).map((check) => [
    check.target,
    check.measured,
    metText(check.met),
  ]);
  const failures = Object.entries(result.failures).map(
    ([scenario, message]) => `- ${scenario} failed: ${message}`,
  );

  return ['### Targets', markdownTable(['target', 'measured', ''], rows), ...failures].join('\n\n');
}

/** Renders a run's results as the markdown that goes between the markers of docs/benchmarks.md. */
export function renderReport(result: BenchResult): string {
  return [
    environmentSection(result),
    targetsSection(result),
    ceilingSection(result),
    ingestSection(result),
    sessionSection(result),
    decisionsSection(result),
    expirySection(result),
    memorySection(result),
    profilesSection(result),
  ]
    .filter((section) => section !== '')
    .join('\n\n');
}

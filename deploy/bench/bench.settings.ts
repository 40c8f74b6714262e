/** Scenarios in the order a full run measures them. */
export const SCENARIOS = ['ceiling', 'ingest', 'session', 'decisions', 'expiry'] as const;
export type ScenarioName = (typeof SCENARIOS)[number];

/** Scenarios, durations and isolation settings of a benchmark run, from BENCH_* variables. */
export interface BenchSettings {
  /** Seconds each measured run lasts. */
  seconds: number;
  /** Seconds of load before each measured run, not counted. */
  warmupSeconds: number;
  /** Measured runs per case; times are the median over them. */
  runs: number;
  scenarios: ScenarioName[];
  /** Events per telemetry request (gateway) or records per send (kafkajs). */
  batchSizes: number[];
  /** HTTP connections, and kafkajs sends in flight, of the ingest cases. */
  connections: number;
  /** Telemetry records pre-loaded for the session-apply scenario, and their sessions. */
  sessionEvents: number;
  sessionCount: number;
  /** trigger-action calls per second of the decision scenario, one case per rate. */
  decisionRates: number[];
  /** Telemetry requests per second (10 events each) sent while the decisions are measured. */
  backgroundTelemetryRate: number;
  /** Session timer counts whose Redis memory and scheduling time are measured. */
  expirySessions: number[];
  /** Timers that fall due at the same moment, to measure how late the worker runs them. */
  expiryDueAtOnce: number;
  /** First of the three service ports: gateway, then session, then scoring. */
  portBase: number;
  redisDatabase: number;
  mongoDatabase: string;
  /** Writes V8 CPU profiles of the services to artifacts/bench/profiles. */
  cpuProfile: boolean;
  /** Free text shown with the results, such as "smoke run on a busy machine". */
  label: string;
}

type Env = Record<string, string | undefined>;

function integer(env: Env, name: string, fallback: number, min: number): number {
  const text = env[name];
  if (text === undefined || text === '') {
    return fallback;
  }
  const value = Number(text);
  if (!Number.isInteger(value) || value < min) {
    throw new Error(`${name}=${text} is invalid: set an integer of at least ${min}`);
  }

  return value;
}

function integers(env: Env, name: string, fallback: number[]): number[] {
  const text = env[name];
  if (text === undefined || text === '') {
    return fallback;
  }
  const values = text.split(',').map((part) => Number(part.trim()));
  if (values.some((value) => !Number.isInteger(value) || value < 1)) {
    throw new Error(`${name}=${text} is invalid: set a comma-separated list of positive integers`);
  }

  return values;
}

function scenarios(env: Env): ScenarioName[] {
  const text = env.BENCH_SCENARIOS;
  if (text === undefined || text === '') {
    return [...SCENARIOS];
  }
  const names = text.split(',').map((part) => part.trim());
  const unknown = names.filter((name) => !(SCENARIOS as readonly string[]).includes(name));
  if (unknown.length > 0) {
    throw new Error(
      `BENCH_SCENARIOS names unknown scenarios ${unknown.join(', ')}: use ${SCENARIOS.join(', ')}`,
    );
  }

  return SCENARIOS.filter((name) => names.includes(name));
}

/** Reads the settings; the defaults make a full run last about ten minutes on two cores. */
export function loadBenchSettings(env: Env = process.env): BenchSettings {
  const mongoDatabase = env.BENCH_MONGODB_DATABASE || 'vigil_bench';
  // The bench drops this database at its start and end, so it must never be a shared one.
  if (!/^[a-z][a-z0-9_]{0,62}$/.test(mongoDatabase) || !mongoDatabase.includes('bench')) {
    throw new Error(
      `BENCH_MONGODB_DATABASE=${mongoDatabase} is invalid: use a name matching ` +
        '^[a-z][a-z0-9_]{0,62}$ that contains "bench"',
    );
  }

  return {
    seconds: integer(env, 'BENCH_SECONDS', 10, 1),
    warmupSeconds: integer(env, 'BENCH_WARMUP_SECONDS', 3, 0),
    runs: integer(env, 'BENCH_RUNS', 3, 1),
    scenarios: scenarios(env),
    batchSizes: integers(env, 'BENCH_BATCH_SIZES', [1, 10, 50]),
    connections: integer(env, 'BENCH_CONNECTIONS', 32, 1),
    sessionEvents: integer(env, 'BENCH_SESSION_EVENTS', 100_000, 1),
    sessionCount: integer(env, 'BENCH_SESSION_COUNT', 1_000, 1),
    decisionRates: integers(env, 'BENCH_DECISION_RATES', [50, 100, 200]),
    backgroundTelemetryRate: integer(env, 'BENCH_BACKGROUND_TELEMETRY_RATE', 100, 0),
    expirySessions: integers(env, 'BENCH_EXPIRY_SESSIONS', [100_000, 1_000_000]),
    expiryDueAtOnce: integer(env, 'BENCH_EXPIRY_DUE', 100_000, 1),
    portBase: integer(env, 'BENCH_PORT_BASE', 19_080, 1024),
    redisDatabase: integer(env, 'BENCH_REDIS_DB', 11, 1),
    mongoDatabase,
    cpuProfile: env.BENCH_CPU_PROFILE === '1',
    label: env.BENCH_LABEL ?? '',
  };
}

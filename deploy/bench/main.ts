/**
 * Runs the benchmark scenarios against the local stack and writes docs/benchmarks.json, the
 * results section of docs/benchmarks.md, and artifacts/bench/results-<time>.json. Started by
 * `npm run bench` (deploy/bench/run.sh), which starts the stack and builds first; BENCH_*
 * variables set the durations (see bench.settings.ts and docs/benchmarks.md).
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Redis } from 'ioredis';
import { Kafka } from 'kafkajs';
import { ProvisionedApplication } from '../../services/gateway/src/credentials/tenant-provisioning';
import { loadBenchSettings, ScenarioName } from './bench.settings';
import { BenchResult } from './bench.result';
import { describeEnvironment } from './bench.environment';
import { benchKafka, sleep } from './bench.kafka';
import {
  ARTIFACTS_DIR,
  benchInfrastructure,
  BenchServices,
  dropBenchDatabase,
  indexBenchDatabase,
  PROFILES_DIR,
  provisionBenchTenant,
  REPO_ROOT,
} from './bench.stack';
import { runCeiling } from './ceiling.scenario';
import { summarizeProfiles } from './cpu-profiles';
import { runDecisions } from './decisions.scenario';
import { BENCH_EXPIRY_QUEUE, runExpiry } from './expiry.scenario';
import { runIngest } from './ingest.scenario';
import { deleteKeys } from './redis.stats';
import { renderReport } from './report';
import { runSessionApply } from './session-apply.scenario';

const DOC_FILE = path.join(REPO_ROOT, 'docs/benchmarks.md');
const JSON_FILE = path.join(REPO_ROOT, 'docs/benchmarks.json');
const RESULTS_START = '<!-- bench:results:start -->';
const RESULTS_END = '<!-- bench:results:end -->';
/**
 * Key patterns the bench services and scenarios create in the bench's Redis database: the
 * expiry queues and every `vigil:` key of the services (action history, session markers).
 */
const BENCH_KEY_PATTERNS = [
  'bull:device-session-expiry:*',
  `bull:${BENCH_EXPIRY_QUEUE}:*`,
  'vigil:*',
];

function log(message: string): void {
  process.stderr.write(`[bench] ${new Date().toISOString().slice(11, 19)} ${message}\n`);
}

/** Fails unless the bench's Redis database holds only keys the bench itself creates. */
async function requireBenchRedisDatabase(redis: Redis, database: number): Promise<void> {
  const [, keys] = await redis.scan('0', 'COUNT', 1000);
  const patterns = BENCH_KEY_PATTERNS.map((pattern) => pattern.replace('*', ''));
  const foreign = keys.filter((key) => !patterns.some((prefix) => key.startsWith(prefix)));
  if (foreign.length > 0) {
    throw new Error(
      `Redis database ${database} contains keys the bench did not create (such as ${foreign[0]}); ` +
        'choose an unused database with BENCH_REDIS_DB',
    );
  }
}

async function cleanRedis(redis: Redis): Promise<void> {
  for (const pattern of BENCH_KEY_PATTERNS) {
    await deleteKeys(redis, pattern);
  }
}

function writeResults(result: BenchResult): void {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const json = `${JSON.stringify(result, null, 2)}\n`;
  const stamp = result.environment.date.replace(/[:.]/g, '-');
  writeFileSync(path.join(ARTIFACTS_DIR, `results-${stamp}.json`), json);
  writeFileSync(JSON_FILE, json);
  const doc = readFileSync(DOC_FILE, 'utf8');
  const start = doc.indexOf(RESULTS_START);
  const end = doc.indexOf(RESULTS_END);
  if (start < 0 || end < start) {
    throw new Error(`${DOC_FILE} lacks the ${RESULTS_START} and ${RESULTS_END} markers`);
  }
  const section = `${RESULTS_START}\n\n${renderReport(result)}\n\n`;
  writeFileSync(DOC_FILE, doc.slice(0, start) + section + doc.slice(end));
  log(`wrote ${path.relative(REPO_ROOT, JSON_FILE)} and ${path.relative(REPO_ROOT, DOC_FILE)}`);
}

async function main(): Promise<void> {
  const settings = loadBenchSettings();
  const infrastructure = benchInfrastructure(settings);
  const redis = new Redis(infrastructure.redisUrl, { maxRetriesPerRequest: null });
  const kafka: Kafka = benchKafka(infrastructure.kafkaBrokers);
  const services = new BenchServices(settings, infrastructure);
  const started = performance.now();
  const stop = () => void services.stopAll().finally(() => process.exit(130));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    await requireBenchRedisDatabase(redis, settings.redisDatabase);
    await cleanRedis(redis);
    await dropBenchDatabase(infrastructure.mongoUri);
    rmSync(PROFILES_DIR, { recursive: true, force: true });
    const environment = await describeEnvironment(infrastructure.mongoUri, redis);
    for (const name of ['session', 'scoring', 'gateway'] as const) {
      log(`starting ${name} on port ${services.port(name)}`);
      await services.start(name);
    }
    indexBenchDatabase(settings.mongoDatabase);
    const tenant: ProvisionedApplication = await provisionBenchTenant(infrastructure.mongoUri);
    await sleep(2_000);
    const result: BenchResult = {
      environment,
      settings,
      durationSeconds: 0,
      rssAtRestMiB: {
        gateway: services.rssBytes('gateway') / 1_048_576,
        session: services.rssBytes('session') / 1_048_576,
        scoring: services.rssBytes('scoring') / 1_048_576,
      },
      failures: {},
    };
    const scenarios: Record<ScenarioName, () => Promise<void>> = {
      ceiling: async () => {
        result.ceiling = await runCeiling(settings, kafka, infrastructure.kafkaBrokers, log);
      },
      ingest: async () => {
        result.ingest = await runIngest(settings, kafka, services, tenant, log);
      },
      session: async () => {
        result.session = await runSessionApply(
          settings,
          kafka,
          redis,
          services,
          tenant.tenant_id,
          log,
        );
      },
      decisions: async () => {
        result.decisions = await runDecisions(settings, kafka, services, tenant, log);
      },
      expiry: async () => {
        result.expiry = await runExpiry(
          settings,
          infrastructure.redisUrl,
          infrastructure.mongoUri,
          log,
        );
      },
    };
    for (const name of settings.scenarios) {
      try {
        await scenarios[name]();
        // Collections appear as scenarios first write them; index them for FerretDB's lookups.
        indexBenchDatabase(settings.mongoDatabase);
      } catch (error) {
        log(`${name} failed: ${(error as Error).stack ?? String(error)}`);
        result.failures[name] = String((error as Error).message).split('\n')[0];
        // A scenario that failed half-way may have left a service stopped.
        for (const service of ['session', 'scoring', 'gateway'] as const) {
          if (!services.running.has(service)) {
            await services.start(service);
          }
        }
      }
    }
    result.durationSeconds = (performance.now() - started) / 1000;
    // Profiles are written when the processes exit.
    await services.stopAll();
    if (settings.cpuProfile) {
      result.cpuProfiles = summarizeProfiles(PROFILES_DIR, services.started);
    }
    writeResults(result);
  } finally {
    await services.stopAll();
    await cleanRedis(redis).catch((error) => log(`Redis clean-up failed: ${String(error)}`));
    await dropBenchDatabase(infrastructure.mongoUri).catch((error) =>
      log(`dropping ${settings.mongoDatabase} failed: ${String(error)}`),
    );
    redis.disconnect();
  }
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    log(`benchmark failed: ${error.stack ?? error.message}`);
    process.exit(1);
  },
);

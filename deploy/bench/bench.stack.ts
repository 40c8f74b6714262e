import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import mongoose from 'mongoose';
import {
  ProvisionedApplication,
  provisionApplicationAt,
} from '../../services/gateway/src/credentials/tenant-provisioning';
import {
  findRepoRoot,
  RunningService,
  ServiceName,
  startService,
  stopService,
} from '../runtime/service-processes';
import { BenchSettings } from './bench.settings';

export const REPO_ROOT = findRepoRoot(__dirname);
export const ARTIFACTS_DIR = path.join(REPO_ROOT, 'artifacts/bench');
/** File where the session service's store-command counter writes its totals. */
export const STORE_COUNTS_FILE = path.join(ARTIFACTS_DIR, 'session-store-commands.json');
export const PROFILES_DIR = path.join(ARTIFACTS_DIR, 'profiles');
const STORE_COUNTER = path.join(REPO_ROOT, 'deploy/bench/store-command-counter.js');

/** Addresses of the bench's own MongoDB database and Redis database on the shared servers. */
export interface BenchInfrastructure {
  mongoUri: string;
  redisUrl: string;
  kafkaBrokers: string[];
}

/** Replaces the database of a MongoDB URI and of a Redis URL with the bench's own. */
export function benchInfrastructure(
  settings: BenchSettings,
  env: Record<string, string | undefined> = process.env,
): BenchInfrastructure {
  const mongo = new URL(env.MONGODB_URI ?? 'mongodb://127.0.0.1:27017/vigil');
  mongo.pathname = `/${settings.mongoDatabase}`;
  const redis = new URL(env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  redis.pathname = `/${settings.redisDatabase}`;

  return {
    mongoUri: mongo.toString(),
    redisUrl: redis.toString(),
    kafkaBrokers: (env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','),
  };
}

/** The three services as the bench runs them, on their own ports and databases. */
export class BenchServices {
  readonly running = new Map<ServiceName, RunningService>();
  /** Every process started, by pid, to match CPU profiles to services. */
  readonly started = new Map<number, ServiceName>();

  constructor(
    private readonly settings: BenchSettings,
    private readonly infrastructure: BenchInfrastructure,
  ) {}

  port(name: ServiceName): number {
    const offset = { gateway: 0, session: 1, scoring: 2 }[name];

    return this.settings.portBase + offset;
  }

  get gatewayUrl(): string {
    return `http://127.0.0.1:${this.port('gateway')}`;
  }

  async start(name: ServiceName): Promise<RunningService> {
    const service = await startService({
      name,
      port: this.port(name),
      env: this.environment(),
      nodeArguments: this.nodeArguments(name),
      logDirectory: path.join(ARTIFACTS_DIR, 'logs'),
      readyTimeoutMs: 120_000,
    });
    this.running.set(name, service);
    if (service.child.pid !== undefined) {
      this.started.set(service.child.pid, name);
    }

    return service;
  }

  async stop(name: ServiceName): Promise<void> {
    const service = this.running.get(name);
    if (service) {
      await stopService(service);
      this.running.delete(name);
    }
  }

  async stopAll(): Promise<void> {
    for (const name of ['gateway', 'scoring', 'session'] as const) {
      await this.stop(name);
    }
  }

  /** Resident set size of a running service in bytes, from /proc/<pid>/status (VmRSS). */
  rssBytes(name: ServiceName): number {
    const pid = this.running.get(name)?.child.pid;
    if (pid === undefined) {
      return Number.NaN;
    }

    return readRssBytes(pid);
  }

  private nodeArguments(name: ServiceName): string[] {
    const options: string[] = [];
    if (name === 'session') {
      options.push('--require', STORE_COUNTER);
    }
    if (this.settings.cpuProfile) {
      options.push('--cpu-prof', `--cpu-prof-dir=${PROFILES_DIR}`);
    }

    return options;
  }

  private environment(): Record<string, string> {
    return {
      MONGODB_URI: this.infrastructure.mongoUri,
      REDIS_URL: this.infrastructure.redisUrl,
      KAFKA_CLIENT_ID: 'vigil-bench',
      LOG_LEVEL: process.env.BENCH_LOG_LEVEL || 'info',
      BENCH_STORE_COUNTS_FILE: STORE_COUNTS_FILE,
    };
  }
}

export function readRssBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /^VmRSS:\s+(\d+) kB$/m.exec(status);

  return match ? Number(match[1]) * 1024 : Number.NaN;
}

/** Creates the bench tenant and application in the bench database. */
export async function provisionBenchTenant(mongoUri: string): Promise<ProvisionedApplication> {
  return provisionApplicationAt(mongoUri, { tenantName: 'bench', applicationName: 'bench' });
}

/** Drops the bench's own database; never called with the shared one (see benchInfrastructure). */
export async function dropBenchDatabase(mongoUri: string): Promise<void> {
  const connection = await mongoose.createConnection(mongoUri).asPromise();
  try {
    await connection.dropDatabase();
  } finally {
    await connection.close();
  }
}

/** Adds the SQLite _id lookup index to the bench database's collections (local FerretDB only). */
export function indexBenchDatabase(database: string): void {
  execFileSync(path.join(REPO_ROOT, 'deploy/local/ferretdb-id-index.sh'), [database], {
    stdio: 'inherit',
  });
}

import { ServiceName } from '../runtime/service-processes';
import { BenchSettings } from './bench.settings';
import { CeilingResult } from './ceiling.scenario';
import { ServiceProfile } from './cpu-profiles';
import { DecisionsResult } from './decisions.scenario';
import { ExpiryResult } from './expiry.scenario';
import { IngestResult } from './ingest.scenario';
import { SessionApplyResult } from './session-apply.scenario';

/** Machine, date, versions and command of a benchmark run. */
export interface BenchEnvironment {
  date: string;
  command: string;
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  versions: Record<string, string>;
}

/** Everything one `npm run bench` measured; written as JSON and rendered as markdown. */
export interface BenchResult {
  environment: BenchEnvironment;
  settings: BenchSettings;
  durationSeconds: number;
  /** Resident memory of each service after start, before any load, in MiB. */
  rssAtRestMiB: Partial<Record<ServiceName, number>>;
  ceiling?: CeilingResult;
  ingest?: IngestResult;
  session?: SessionApplyResult;
  decisions?: DecisionsResult;
  expiry?: ExpiryResult;
  /** Busiest CPU profile per service, when BENCH_CPU_PROFILE=1. */
  cpuProfiles?: Partial<Record<ServiceName, ServiceProfile>>;
  /** Scenarios that failed, with the error message. */
  failures: Record<string, string>;
}

import { execFile } from 'node:child_process';
import { homedir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Kafka } from 'kafkajs';
import { BenchSettings } from './bench.settings';
import { BENCH_TOPIC, BENCH_TOPIC_PARTITIONS, recreateTopic } from './bench.kafka';
import { telemetryEnvelope } from './telemetry.fixtures';

const run = promisify(execFile);
export const KAFKA_VERSION = process.env.VIGIL_KAFKA_VERSION ?? '4.4.0';
const KAFKA_LIB = path.join(
  process.env.VIGIL_CACHE ?? path.join(homedir(), '.cache/vigil'),
  `kafka-${KAFKA_VERSION}`,
  'lib',
);
/** Keys the ceiling producers spread records over, as device session ids spread real traffic. */
const KEY_COUNT = 1_000;

/** Per-run results of one producer case. */
export interface ProducerCase {
  recordsPerSecond: number[];
  megabytesPerSecond: number[];
  p99Ms: number[];
}

export interface CeilingResult {
  recordBytes: number;
  producerPerformance: ProducerCase;
}

/** Serializes a one-event telemetry record as the gateway publishes it. */
export function sampleTelemetryRecord(): string {
  return JSON.stringify(telemetryEnvelope('t_bench', 's_bench_ceiling', 1));
}

interface ToolRun {
  recordsPerSecond: number;
  megabytesPerSecond: number;
  p99Ms: number;
}

/** Parses the summary line ProducerPerformance prints last (the steady-state one if present). */
export function parseProducerPerformance(output: string): ToolRun {
  const lines = output.split('\n').filter((line) => line.includes('records/sec'));
  const line = lines[lines.length - 1];
  const match = /records sent, ([\d.]+) records\/sec \(([\d.]+) MB\/sec\).*?([\d.]+) ms 99th/.exec(
    line ?? '',
  );
  if (!match) {
    throw new Error(`ProducerPerformance printed no summary line; its output was:\n${output}`);
  }

  return {
    recordsPerSecond: Number(match[1]),
    megabytesPerSecond: Number(match[2]),
    p99Ms: Number(match[3]),
  };
}

async function producerPerformance(
  brokers: string[],
  recordBytes: number,
  records: number,
  warmupRecords: number,
): Promise<ToolRun> {
  const args = [
    '-Xmx512m',
    '-cp',
    `${KAFKA_LIB}/*`,
    'org.apache.kafka.tools.ProducerPerformance',
    '--bootstrap-server',
    brokers.join(','),
    '--topic',
    BENCH_TOPIC,
    '--num-records',
    String(records),
    '--record-size',
    String(recordBytes),
    '--throughput',
    '-1',
    '--record-key-range',
    String(KEY_COUNT),
    '--key-distribution',
    'random',
    '--command-property',
    'acks=all',
  ];
  if (warmupRecords > 0) {
    args.push('--warmup-records', String(warmupRecords));
  }
  const { stdout } = await run('java', args, { maxBuffer: 16 * 1024 * 1024 });

  return parseProducerPerformance(stdout);
}

async function measureProducerPerformance(
  settings: BenchSettings,
  brokers: string[],
  recordBytes: number,
): Promise<ProducerCase> {
  // A short run sizes the record counts, since the tool sends a count and not for a duration.
  const probe = await producerPerformance(brokers, recordBytes, 50_000, 0);
  const result: ProducerCase = {
    recordsPerSecond: [],
    megabytesPerSecond: [],
    p99Ms: [],
  };
  for (let index = 0; index < settings.runs; index += 1) {
    const warmup = Math.round(probe.recordsPerSecond * settings.warmupSeconds);
    const measured = Math.round(probe.recordsPerSecond * settings.seconds);
    const toolRun = await producerPerformance(brokers, recordBytes, warmup + measured, warmup);
    result.recordsPerSecond.push(toolRun.recordsPerSecond);
    result.megabytesPerSecond.push(toolRun.megabytesPerSecond);
    result.p99Ms.push(toolRun.p99Ms);
  }

  return result;
}

/**
 * Measures Kafka's ProducerPerformance on the bench topic with records the size of a one-event
 * telemetry record. The plain kafkajs producer is measured by the ingest scenario, paired run by
 * run with the gateway.
 */
export async function runCeiling(
  settings: BenchSettings,
  kafka: Kafka,
  brokers: string[],
  log: (message: string) => void,
): Promise<CeilingResult> {
  const admin = kafka.admin();
  await admin.connect();
  const recordBytes = Buffer.byteLength(sampleTelemetryRecord());
  try {
    await recreateTopic(admin, BENCH_TOPIC, BENCH_TOPIC_PARTITIONS);
    log(`ceiling: ProducerPerformance, ${recordBytes}-byte records`);
    const producerPerformanceCase = await measureProducerPerformance(
      settings,
      brokers,
      recordBytes,
    );

    return { recordBytes, producerPerformance: producerPerformanceCase };
  } finally {
    await admin.deleteTopics({ topics: [BENCH_TOPIC] }).catch(() => undefined);
    await admin.disconnect();
  }
}

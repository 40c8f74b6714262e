import { rmSync } from 'node:fs';
import { Redis } from 'ioredis';
import { Admin, Kafka } from 'kafkajs';
import { Topics } from '@vigil/contracts';
import { SESSION_CONSUMER_GROUP } from '../../services/session/src/session-consumer-group';
import { BenchSettings } from './bench.settings';
import { BenchServices, STORE_COUNTS_FILE } from './bench.stack';
import { groupLag, serviceLikeProducer, sleep, waitForZeroLag } from './bench.kafka';
import { totalCommandCalls } from './redis.stats';
import { readStoreCounts, StoreCounts } from './store-counts';
import { telemetryEnvelope } from './telemetry.fixtures';

/** Records per producer send while pre-loading, and sends in flight. */
const PRELOAD_BATCH = 500;
const PRELOAD_CONCURRENCY = 4;
const LAG_SAMPLE_MS = 250;
/** Maximum wait for one run's backlog to drain before the run fails as timed out. */
const DRAIN_TIMEOUT_MS = 15 * 60_000;

/** One run of pre-loading telemetry and timing the session service through it. */
export interface SessionApplyRun {
  events: number;
  /** From the service's readiness to zero lag. */
  secondsFromReady: number;
  /** From the first drop in lag to zero lag, which leaves out the consumer group join. */
  secondsDraining: number;
  eventsPerSecond: number;
  /** [milliseconds since readiness, lag] pairs. */
  lagSamples: [number, number][];
  updateCommands: number;
  updateStatements: number;
  findCommands: number;
  consumerBatches: number;
  /** Sum over consumer batches of the distinct sessions in each. */
  sessionBatches: number;
  /** Redis commands during the run, server-wide (includes the expiry worker's own polling). */
  redisCommands: number;
}

export interface SessionApplyResult {
  sessions: number;
  runs: SessionApplyRun[];
}

async function preload(kafka: Kafka, tenantId: string, sessionIds: string[], events: number) {
  const producer = serviceLikeProducer(kafka);
  await producer.connect();
  let next = 0;
  const worker = async () => {
    while (next < events) {
      const start = next;
      next = Math.min(events, next + PRELOAD_BATCH);
      const messages = [];
      for (let index = start; index < next; index += 1) {
        const sessionId = sessionIds[index % sessionIds.length];
        const envelope = telemetryEnvelope(tenantId, sessionId, index);
        messages.push({ key: sessionId, value: JSON.stringify(envelope) });
      }
      await producer.send({ topic: Topics.telemetryRecorded, acks: -1, messages });
    }
  };
  try {
    await Promise.all(Array.from({ length: PRELOAD_CONCURRENCY }, worker));
  } finally {
    await producer.disconnect();
  }
}

async function sampleLagUntilZero(admin: Admin, readyAt: number) {
  const samples: [number, number][] = [];
  const deadline = Date.now() + DRAIN_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const lag = await groupLag(admin, SESSION_CONSUMER_GROUP, Topics.telemetryRecorded);
    samples.push([Date.now() - readyAt, lag]);
    if (lag === 0) {
      return samples;
    }
    await sleep(LAG_SAMPLE_MS);
  }
  throw new Error(
    `telemetry lag did not reach zero within ${DRAIN_TIMEOUT_MS} ms; ` +
      'see the session service log in artifacts/bench/logs, or lower BENCH_SESSION_EVENTS',
  );
}

function difference(after: StoreCounts, before: StoreCounts) {
  const group = (counts: StoreCounts) =>
    counts.consumer_batches[`${SESSION_CONSUMER_GROUP}/${Topics.telemetryRecorded}`] ?? {
      batches: 0,
      records: 0,
      session_batches: 0,
    };

  return {
    updateCommands: (after.commands.update ?? 0) - (before.commands.update ?? 0),
    updateStatements: after.update_statements - before.update_statements,
    findCommands: (after.commands.find ?? 0) - (before.commands.find ?? 0),
    consumerBatches: group(after).batches - group(before).batches,
    sessionBatches: group(after).session_batches - group(before).session_batches,
  };
}

/** Seconds from the last sample still at the full backlog to the first sample at zero. */
export function drainingSeconds(samples: [number, number][], events: number): number {
  const firstDrop = samples.findIndex(([, lag]) => lag < events);
  const startMs = firstDrop > 0 ? samples[firstDrop - 1][0] : 0;
  const end = samples.find(([, lag]) => lag === 0);

  return end ? (end[0] - startMs) / 1000 : Number.NaN;
}

async function measureRun(
  kafka: Kafka,
  admin: Admin,
  redis: Redis,
  services: BenchServices,
  tenantId: string,
  sessionIds: string[],
  events: number,
): Promise<SessionApplyRun> {
  await services.stop('session');
  // Each service process counts from zero, so the counts of this run start with an empty file.
  rmSync(STORE_COUNTS_FILE, { force: true });
  await preload(kafka, tenantId, sessionIds, events);
  const storeBefore = readStoreCounts(STORE_COUNTS_FILE);
  const redisBefore = await totalCommandCalls(redis);
  await services.start('session');
  const readyAt = Date.now();
  const lagSamples = await sampleLagUntilZero(admin, readyAt);
  // The counter file is written every second.
  await sleep(1_500);
  const counts = difference(readStoreCounts(STORE_COUNTS_FILE), storeBefore);
  const redisCommands = (await totalCommandCalls(redis)) - redisBefore - 2;
  const secondsFromReady = lagSamples[lagSamples.length - 1][0] / 1000;
  const secondsDraining = drainingSeconds(lagSamples, events);

  return {
    events,
    secondsFromReady,
    secondsDraining,
    eventsPerSecond: events / secondsDraining,
    lagSamples,
    ...counts,
    redisCommands,
  };
}

/**
 * Pre-loads telemetry for `sessionCount` device sessions into the telemetry topic while the
 * session service is stopped, starts it, and times it until its consumer group has no lag. A
 * warm-up load of one record per session creates the sessions first, so the runs measure
 * telemetry for active sessions.
 */
export async function runSessionApply(
  settings: BenchSettings,
  kafka: Kafka,
  redis: Redis,
  services: BenchServices,
  tenantId: string,
  log: (message: string) => void,
): Promise<SessionApplyResult> {
  const admin = kafka.admin();
  await admin.connect();
  const sessionIds = Array.from(
    { length: settings.sessionCount },
    (_, index) => `s_bench_${index}`,
  );
  try {
    if (
      !(await waitForZeroLag(admin, SESSION_CONSUMER_GROUP, Topics.telemetryRecorded, 60_000))
    ) {
      throw new Error(
        'the session service did not catch up with the telemetry topic in 60 s; ' +
          'see its log in artifacts/bench/logs',
      );
    }
    log(`session: warm-up, ${sessionIds.length} sessions`);
    await measureRun(kafka, admin, redis, services, tenantId, sessionIds, sessionIds.length);
    const runs: SessionApplyRun[] = [];
    for (let run = 0; run < settings.runs; run += 1) {
      log(`session: run ${run + 1}/${settings.runs}, ${settings.sessionEvents} records`);
      runs.push(
        await measureRun(
          kafka,
          admin,
          redis,
          services,
          tenantId,
          sessionIds,
          settings.sessionEvents,
        ),
      );
    }

    return { sessions: sessionIds.length, runs };
  } finally {
    await admin.disconnect();
  }
}

import autocannon from 'autocannon';
import { Kafka } from 'kafkajs';
import { Topics } from '@vigil/contracts';
import { ProvisionedApplication } from '../../services/gateway/src/credentials/tenant-provisioning';
import { SESSION_CONSUMER_GROUP } from '../../services/session/src/session-consumer-group';
import { BenchSettings } from './bench.settings';
import { BenchServices } from './bench.stack';
import {
  BENCH_TOPIC,
  BENCH_TOPIC_PARTITIONS,
  recreateTopic,
  serviceLikeProducer,
  skipToEnd,
} from './bench.kafka';
import { sampleTelemetryRecord } from './ceiling.scenario';
import { runClosedLoop } from './closed-loop';
import { startSessions } from './gateway.client';
import { RssSampler, RssSummary } from './rss.sampler';
import { quantile } from './stats';
import { BENCH_USER_AGENT, telemetryRequestBody } from './telemetry.fixtures';

/** Device sessions whose tokens the telemetry requests rotate through. */
const SESSIONS = 200;
/** Device sessions the kafkajs records are keyed by, as the gateway keys by session id. */
const KEY_COUNT = 1_000;

/** Per-run results of one batch size, gateway and kafkajs measured back to back. */
export interface IngestCase {
  batch: number;
  gatewayEventsPerSecond: number[];
  gatewayP50Ms: number[];
  gatewayP99Ms: number[];
  gatewayErrors: number[];
  kafkajsRecordsPerSecond: number[];
  kafkajsMegabytesPerSecond: number[];
  kafkajsP99Ms: number[];
  /** Gateway events/s divided by kafkajs records/s of the same run. */
  ratio: number[];
}

export interface IngestResult {
  cases: IngestCase[];
  rss: Partial<Record<'gateway' | 'scoring', RssSummary>>;
}

interface GatewayRun {
  eventsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
}

async function gatewayRun(url: string, bodies: string[], connections: number, seconds: number) {
  let next = 0;
  const result = await autocannon({
    url,
    connections,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        path: '/risk-collect/v1/telemetry',
        headers: { 'content-type': 'application/json', 'user-agent': BENCH_USER_AGENT },
        setupRequest: (request) => ({ ...request, body: bodies[(next += 1) % bodies.length] }),
      },
    ],
  });

  return result;
}

async function measureGateway(
  settings: BenchSettings,
  url: string,
  bodies: string[],
  batch: number,
): Promise<GatewayRun> {
  if (settings.warmupSeconds > 0) {
    await gatewayRun(url, bodies, settings.connections, settings.warmupSeconds);
  }
  const result = await gatewayRun(url, bodies, settings.connections, settings.seconds);

  return {
    eventsPerSecond: (result['2xx'] * batch) / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.non2xx + result.errors + result.timeouts,
  };
}

async function measureKafkajs(settings: BenchSettings, kafka: Kafka, batch: number) {
  const value = sampleTelemetryRecord();
  const producer = serviceLikeProducer(kafka);
  await producer.connect();
  let sequence = 0;
  const send = async () => {
    const messages = Array.from({ length: batch }, () => ({
      key: `s_${(sequence += 1) % KEY_COUNT}`,
      value,
    }));
    await producer.send({ topic: BENCH_TOPIC, acks: -1, messages });

    return batch;
  };
  try {
    const loop = await runClosedLoop(
      settings.connections,
      settings.warmupSeconds * 1000,
      settings.seconds * 1000,
      send,
    );
    const perSecond = loop.completed / loop.seconds;

    return {
      recordsPerSecond: perSecond,
      megabytesPerSecond: (perSecond * Buffer.byteLength(value)) / 1_048_576,
      p99Ms: quantile(loop.latenciesMs, 0.99),
    };
  } finally {
    await producer.disconnect();
  }
}

function emptyCase(batch: number): IngestCase {
  return {
    batch,
    gatewayEventsPerSecond: [],
    gatewayP50Ms: [],
    gatewayP99Ms: [],
    gatewayErrors: [],
    kafkajsRecordsPerSecond: [],
    kafkajsMegabytesPerSecond: [],
    kafkajsP99Ms: [],
    ratio: [],
  };
}

/**
 * Per run and batch size: a plain kafkajs producer sending `batch` records per send to the bench
 * topic, then autocannon posting `batch` events per request to the gateway, both with
 * `connections` calls in flight. The session service is stopped meanwhile, so the gateway does
 * not share the cores with it, and the telemetry it leaves behind is skipped afterwards.
 */
export async function runIngest(
  settings: BenchSettings,
  kafka: Kafka,
  services: BenchServices,
  tenant: ProvisionedApplication,
  log: (message: string) => void,
): Promise<IngestResult> {
  const admin = kafka.admin();
  await admin.connect();
  await services.stop('session');
  const cases = settings.batchSizes.map(emptyCase);
  const sampler = new RssSampler((name) => services.rssBytes(name), ['gateway', 'scoring']);
  try {
    await recreateTopic(admin, BENCH_TOPIC, BENCH_TOPIC_PARTITIONS);
    const sessions = await startSessions(services.gatewayUrl, tenant, SESSIONS);
    for (let run = 0; run < settings.runs; run += 1) {
      for (const entry of cases) {
        log(`ingest: run ${run + 1}/${settings.runs}, ${entry.batch} per send or request`);
        const bodies = sessions.map((session) =>
          telemetryRequestBody(session.session_token, entry.batch),
        );
        const plain = await measureKafkajs(settings, kafka, entry.batch);
        const gateway = await measureGateway(settings, services.gatewayUrl, bodies, entry.batch);
        entry.kafkajsRecordsPerSecond.push(plain.recordsPerSecond);
        entry.kafkajsMegabytesPerSecond.push(plain.megabytesPerSecond);
        entry.kafkajsP99Ms.push(plain.p99Ms);
        entry.gatewayEventsPerSecond.push(gateway.eventsPerSecond);
        entry.gatewayP50Ms.push(gateway.p50Ms);
        entry.gatewayP99Ms.push(gateway.p99Ms);
        entry.gatewayErrors.push(gateway.errors);
        entry.ratio.push(gateway.eventsPerSecond / plain.recordsPerSecond);
      }
    }

    return { cases, rss: sampler.stop() };
  } finally {
    sampler.stop();
    await admin.deleteTopics({ topics: [BENCH_TOPIC] }).catch(() => undefined);
    // The session service is stopped, so its group is empty and its offsets can move to the end.
    await skipToEnd(admin, SESSION_CONSUMER_GROUP, Topics.telemetryRecorded);
    await admin.disconnect();
    await services.start('session');
  }
}

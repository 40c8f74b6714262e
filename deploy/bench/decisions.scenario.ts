import { randomUUID } from 'node:crypto';
import { spawn } from 'node:child_process';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Admin, Consumer, Kafka } from 'kafkajs';
import { REALTIME_BUDGET_MAX_MS, Topics, TypedEnvelope } from '@vigil/contracts';
import { ProvisionedApplication } from '../../services/gateway/src/credentials/tenant-provisioning';
import { BenchSettings } from './bench.settings';
import { BenchServices } from './bench.stack';
import { SESSION_CONSUMER_GROUP } from '../../services/session/src/session-consumer-group';
import { sleep, waitForZeroLag } from './bench.kafka';
import { DecisionSummary, DecisionTracker } from './decision.tracker';
import { accessToken, BenchSession, setRealtimeBudget, startSessions } from './gateway.client';
import { RssSampler, RssSummary } from './rss.sampler';
import { BENCH_USER_AGENT, telemetryRequestBody } from './telemetry.fixtures';

const SESSIONS = 200;
/** Telemetry events per background request. */
const BACKGROUND_BATCH = 10;
/** How long the bench waits for the decisions still open when the window ends. */
const DRAIN_MS = 10_000;
/** Maximum wait, after that, for trigger-action calls that have not returned. */
const SETTLE_MS = 30_000;

/** One measured run at a fixed trigger rate. */
export interface DecisionRun extends DecisionSummary {
  rate: number;
  /** p99 event-loop delay of the bench process itself, to show whether the client kept up. */
  benchEventLoopDelayP99Ms: number;
}

export interface DecisionsResult {
  cases: { rate: number; runs: DecisionRun[] }[];
  rss: Partial<Record<'gateway' | 'session' | 'scoring', RssSummary>>;
}

async function issuedConsumer(
  kafka: Kafka,
  groupId: string,
  tracker: () => DecisionTracker,
): Promise<Consumer> {
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 10 });
  await consumer.connect();
  await consumer.subscribe({ topics: [Topics.recommendationIssued], fromBeginning: false });
  const joined = new Promise<void>((resolve) =>
    consumer.on(consumer.events.GROUP_JOIN, () => resolve()),
  );
  await consumer.run({
    eachMessage: async ({ message }) => {
      const envelope = JSON.parse(String(message.value)) as TypedEnvelope<'recommendation.issued'>;
      tracker().issued(envelope);
    },
  });
  await joined;

  return consumer;
}

/**
 * Posts telemetry at `backgroundTelemetryRate` requests per second from a separate autocannon
 * process, so the load generator does not delay the bench's own timing.
 */
function backgroundTelemetry(
  settings: BenchSettings,
  gatewayUrl: string,
  session: BenchSession,
  seconds: number,
): Promise<void> {
  if (settings.backgroundTelemetryRate === 0) {
    return Promise.resolve();
  }
  const child = spawn(
    process.execPath,
    [
      require.resolve('autocannon/autocannon.js'),
      '--no-progress',
      ...['-c', '4', '-d', String(seconds), '-R', String(settings.backgroundTelemetryRate)],
      ...['-m', 'POST', '-H', 'content-type=application/json'],
      ...['-H', `user-agent=${BENCH_USER_AGENT}`],
      ...['-b', telemetryRequestBody(session.session_token, BACKGROUND_BATCH)],
      `${gatewayUrl}/risk-collect/v1/telemetry`,
    ],
    { stdio: 'ignore' },
  );

  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** Sends trigger-action at `rate` per second, open loop, for the warm-up and the window. */
async function triggerAtRate(
  tracker: DecisionTracker,
  sessions: BenchSession[],
  rate: number,
  warmupMs: number,
  measureMs: number,
): Promise<void> {
  const start = performance.now();
  let sent = 0;
  while (performance.now() - start < warmupMs + measureMs) {
    const due = Math.floor(((performance.now() - start) / 1000) * rate);
    while (sent < due) {
      const measured = performance.now() - start >= warmupMs;
      tracker.trigger(sessions[sent % sessions.length], measured);
      sent += 1;
    }
    await sleep(1);
  }
}

async function measureRun(
  settings: BenchSettings,
  services: BenchServices,
  sessions: BenchSession[],
  bearer: string,
  rate: number,
  setTracker: (tracker: DecisionTracker) => void,
): Promise<DecisionRun> {
  const tracker = new DecisionTracker(services.gatewayUrl, bearer);
  setTracker(tracker);
  const seconds = settings.warmupSeconds + settings.seconds;
  const background = backgroundTelemetry(settings, services.gatewayUrl, sessions[0], seconds);
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  await triggerAtRate(
    tracker,
    sessions,
    rate,
    settings.warmupSeconds * 1000,
    settings.seconds * 1000,
  );
  const deadline = Date.now() + DRAIN_MS;
  const open = () => tracker.openCount() > 0;
  while (open() && Date.now() < deadline) {
    await sleep(50);
  }
  delay.disable();
  await background;
  // Calls still open would load the next run, so it starts once they have ended.
  await Promise.race([tracker.settled(), sleep(SETTLE_MS)]);

  return {
    ...tracker.summarize(),
    rate,
    benchEventLoopDelayP99Ms: delay.percentile(99) / 1e6,
  };
}

/**
 * Triggers actions with get_recommendation=true at fixed rates, with telemetry in the background,
 * and times each call until its response carries the recommendation. The hop stamps of the
 * issued events, read from vigil.recommendation.issued.v1 with the bench's own consumer group,
 * split that time.
 */
export async function runDecisions(
  settings: BenchSettings,
  kafka: Kafka,
  services: BenchServices,
  tenant: ProvisionedApplication,
  log: (message: string) => void,
): Promise<DecisionsResult> {
  const sessions = await startSessions(services.gatewayUrl, tenant, SESSIONS);
  const bearer = await accessToken(services.gatewayUrl, tenant);
  // The maximum budget the gateway allows, so that slow decisions are timed, not cut off.
  await setRealtimeBudget(services.gatewayUrl, bearer, REALTIME_BUDGET_MAX_MS);
  let current = new DecisionTracker(services.gatewayUrl, bearer);
  const groupId = `vigil-bench-decisions-${randomUUID()}`;
  const consumer = await issuedConsumer(kafka, groupId, () => current);
  const admin: Admin = kafka.admin();
  await admin.connect();
  // The session starts are applied first, so the first actions do not queue behind them.
  await waitForZeroLag(admin, SESSION_CONSUMER_GROUP, Topics.sessionActivityRecorded, 60_000);
  const sampler = new RssSampler(
    (name) => services.rssBytes(name),
    ['gateway', 'session', 'scoring'],
  );
  const cases: DecisionsResult['cases'] = [];
  try {
    for (const rate of settings.decisionRates) {
      const runs: DecisionRun[] = [];
      for (let run = 0; run < settings.runs; run += 1) {
        log(`decisions: run ${run + 1}/${settings.runs} at ${rate} actions/s`);
        runs.push(
          await measureRun(
            settings,
            services,
            sessions,
            bearer,
            rate,
            (tracker) => (current = tracker),
          ),
        );
      }
      cases.push({ rate, runs });
    }

    return { cases, rss: sampler.stop() };
  } finally {
    sampler.stop();
    await consumer.disconnect();
    await admin.deleteGroups([groupId]).catch(() => undefined);
    await admin.disconnect();
  }
}

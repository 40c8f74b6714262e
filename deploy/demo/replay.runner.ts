import { VigilBackendClient } from '@vigil/client';
import { DeviceReplayer } from './device.replayer';
import { runInOrderPerKey } from './keyed-concurrency';
import { planRbaReplay } from './replay.plan';
import { ReplayLog, ReplayRecorder } from './replay.recorder';
import { ReplaySummary, summarizeReplay } from './replay-summary';

export interface RbaReplayOptions {
  /** Gateway root, for example http://127.0.0.1:8080. */
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  /** The shared data folder, which contains rba-login-sample, crawler-user-agents and ip-reputation-lists. */
  dataDirectory: string;
  log: ReplayLog;
  /** Login attempts in flight at once, 16 by default. */
  concurrency?: number;
  /** Bot devices mixed into the RBA traffic, 60 by default. */
  botCount?: number;
  /** How long to poll for each recommendation, in milliseconds, 10000 by default. */
  recommendationWaitMs?: number;
  /** Seed of the bot traffic draws. */
  seed?: number;
}

const PROGRESS_EVERY_ATTEMPTS = 250;
const DEFAULT_RECOMMENDATION_WAIT_MS = 10_000;

/**
 * Replays the RBA login sample plus bot traffic through the public HTTP API, in time order of the
 * repaired timestamps and as fast as the gateway responds, then returns what the pipeline
 * recommended. API errors are counted in the summary and the first of each kind logged. Other
 * errors, such as unreadable data files, are thrown.
 */
export async function runRbaReplay(options: RbaReplayOptions): Promise<ReplaySummary> {
  const startedMs = Date.now();
  const plan = planRbaReplay(options.dataDirectory, {
    botCount: options.botCount,
    seed: options.seed,
  });
  const { assignment } = plan;
  options.log('replay planned', {
    attempts: plan.attempts.length,
    devices: plan.devices.length,
    users: assignment.users,
    rbaDevices: assignment.devices,
    rowsPerUser: assignment.rowsPerUser,
  });
  const recorder = new ReplayRecorder(options.log);
  const replayer = createReplayer(options, recorder);
  const devices = new Map(plan.devices.map((device) => [device.key, device]));

  await runInOrderPerKey(
    plan.attempts,
    (attempt) => attempt.deviceKey,
    options.concurrency ?? 16,
    async (attempt) => {
      const device = devices.get(attempt.deviceKey);
      if (!device) {
        throw new Error(`attempt ${attempt.correlationId} names a device that is not planned`);
      }
      await replayer.replay(device, attempt);
      if (recorder.outcomes.length % PROGRESS_EVERY_ATTEMPTS === 0) {
        options.log('replay progress', {
          done: recorder.outcomes.length,
          of: plan.attempts.length,
        });
      }
    },
  );
  const summary = summarizeReplay({ ...plan, recorder, durationMs: Date.now() - startedMs });
  options.log('replay finished', {
    durationMs: summary.durationMs,
    errors: recorder.failures.length,
  });

  return summary;
}

function createReplayer(options: RbaReplayOptions, recorder: ReplayRecorder): DeviceReplayer {
  const backend = new VigilBackendClient({
    baseUrl: options.baseUrl,
    clientId: options.clientId,
    clientSecret: options.clientSecret,
  });

  return new DeviceReplayer({
    baseUrl: options.baseUrl,
    clientId: options.clientId,
    backend,
    recorder,
    recommendationWaitMs: options.recommendationWaitMs ?? DEFAULT_RECOMMENDATION_WAIT_MS,
  });
}

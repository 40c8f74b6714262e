import { Job, Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import mongoose from 'mongoose';
import {
  expiryJobId,
  SESSION_EXPIRE_JOB,
  SESSION_EXPIRE_JOB_OPTIONS,
  SessionExpireJob,
} from '../../services/session/src/expiry/expiry.queue';
import { BenchSettings } from './bench.settings';
import { deleteKeys, usedMemoryBytes } from './redis.stats';
import { quantile } from './stats';

/**
 * Queue of the bench's timers: the session service's job format under another name, in the
 * bench's Redis database, so the service's own queue is never touched.
 */
export const BENCH_EXPIRY_QUEUE = 'device-session-expiry-bench';
/** Jobs per addBulk call, and calls in flight. */
const ADD_BATCH = 500;
const ADD_CONCURRENCY = 4;
/** Jobs run at once, as ExpiryWorker runs them. */
const WORKER_CONCURRENCY = 8;
const DUE_TIMEOUT_MS = 15 * 60_000;

export interface TimerMemoryRun {
  sessions: number;
  scheduleSeconds: number;
  timersPerSecond: number;
  bytesPerSession: number;
  /** MEMORY USAGE and OBJECT ENCODING of the first timer's job hash. */
  jobHashBytes: number;
  jobHashEncoding: string;
  removeSeconds: number;
}

export interface DueAtOnceRun {
  sessions: number;
  /** Seconds by which scheduling the timers ended after they were due; 0 when it ended before. */
  schedulingEndedAfterDueSeconds: number;
  drainSeconds: number;
  jobsPerSecond: number;
  lateP50Seconds: number;
  lateP99Seconds: number;
  lateMaxSeconds: number;
}

export interface ExpiryResult {
  memory: TimerMemoryRun[];
  dueAtOnce: DueAtOnceRun;
}

function timer(index: number, dueAt: Date): { data: SessionExpireJob; jobId: string } {
  const sessionId = `s_bench_timer_${index}`;

  return {
    data: { tenant_id: 't_bench', session_id: sessionId, correlation_id: sessionId },
    jobId: expiryJobId(sessionId, dueAt),
  };
}

/**
 * Adds `count` timers with the job name, data, options and job id ExpiryScheduler gives one, in
 * addBulk calls of ADD_BATCH jobs, ADD_CONCURRENCY calls at a time. The service adds one timer per
 * session start with Queue.add; addBulk runs the same script per job with fewer round trips.
 */
async function schedule(queue: Queue, count: number, dueAt: (index: number) => Date) {
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const start = next;
      next = Math.min(count, next + ADD_BATCH);
      const jobs = [];
      for (let index = start; index < next; index += 1) {
        const due = dueAt(index);
        const { data, jobId } = timer(index, due);
        const delay = Math.max(0, due.getTime() - Date.now());
        const opts = { ...SESSION_EXPIRE_JOB_OPTIONS, jobId, delay };
        jobs.push({ name: SESSION_EXPIRE_JOB, data, opts });
      }
      await queue.addBulk(jobs);
    }
  };
  await Promise.all(Array.from({ length: ADD_CONCURRENCY }, worker));
}

async function measureMemory(
  queue: Queue,
  redis: Redis,
  sessions: number,
): Promise<TimerMemoryRun> {
  const before = await usedMemoryBytes(redis);
  const started = performance.now();
  // Due in one to two hours, spread like idle timeouts of sessions last seen at different times.
  const base = Date.now() + 3_600_000;
  const dueAt = (index: number) => new Date(base + ((index * 7_919) % 3_600_000));
  await schedule(queue, sessions, dueAt);
  const scheduleSeconds = (performance.now() - started) / 1000;
  const after = await usedMemoryBytes(redis);
  const jobKey = `bull:${BENCH_EXPIRY_QUEUE}:${timer(0, dueAt(0)).jobId}`;
  const jobHashBytes = Number(await redis.call('MEMORY', 'USAGE', jobKey));
  const jobHashEncoding = String(await redis.call('OBJECT', 'ENCODING', jobKey));
  const removeStarted = performance.now();
  await queue.obliterate({ force: true });

  return {
    sessions,
    scheduleSeconds,
    timersPerSecond: sessions / scheduleSeconds,
    bytesPerSession: (after - before) / sessions,
    jobHashBytes,
    jobHashEncoding,
    removeSeconds: (performance.now() - removeStarted) / 1000,
  };
}

/**
 * Schedules `sessions` timers due at one moment and runs them with a worker of the service's
 * concurrency, standing in for the session service's expiry. Its handler does one store write
 * that changes nothing: an update by `_id` of a document that does not exist.
 */
async function measureDueAtOnce(
  queue: Queue,
  connection: Redis,
  mongoUri: string,
  sessions: number,
  leadSeconds: number,
): Promise<DueAtOnceRun> {
  const store = await mongoose.createConnection(mongoUri).asPromise();
  const collection = store.db!.collection<{ _id: string }>('bench_expiry_noop');
  const dueAt = new Date(Date.now() + leadSeconds * 1000);
  const lateness: number[] = [];
  let lastFinished = 0;
  const worker = new Worker<SessionExpireJob>(
    BENCH_EXPIRY_QUEUE,
    async (job: Job<SessionExpireJob>) => {
      await collection.updateOne(
        { _id: job.data.session_id },
        { $set: { expired_at: new Date() } },
      );
    },
    { connection, concurrency: WORKER_CONCURRENCY },
  );
  const done = new Promise<void>((resolve) => {
    worker.on('completed', (job) => {
      lateness.push(((job.processedOn ?? Date.now()) - dueAt.getTime()) / 1000);
      lastFinished = job.finishedOn ?? Date.now();
      if (lateness.length >= sessions) {
        resolve();
      }
    });
  });
  try {
    await schedule(queue, sessions, () => dueAt);
    const schedulingEndedAfterDueSeconds = Math.max(0, Date.now() - dueAt.getTime()) / 1000;
    const timeout = new Promise<void>((_, reject) =>
      setTimeout(
        () => reject(new Error(`due timers not run within ${DUE_TIMEOUT_MS} ms`)),
        DUE_TIMEOUT_MS,
      ).unref(),
    );
    await Promise.race([done, timeout]);
    const drainSeconds = (lastFinished - dueAt.getTime()) / 1000;

    return {
      sessions,
      schedulingEndedAfterDueSeconds,
      drainSeconds,
      jobsPerSecond: sessions / drainSeconds,
      lateP50Seconds: quantile(lateness, 0.5),
      lateP99Seconds: quantile(lateness, 0.99),
      lateMaxSeconds: Math.max(...lateness),
    };
  } finally {
    await worker.close();
    await store.close();
  }
}

/** Timer memory and scheduling time per session count, then a burst of timers due at once. */
export async function runExpiry(
  settings: BenchSettings,
  redisUrl: string,
  mongoUri: string,
  log: (message: string) => void,
): Promise<ExpiryResult> {
  const connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const queue = new Queue(BENCH_EXPIRY_QUEUE, { connection });
  try {
    await queue.obliterate({ force: true });
    const memory: TimerMemoryRun[] = [];
    for (const sessions of settings.expirySessions) {
      log(`expiry: scheduling ${sessions} timers`);
      memory.push(await measureMemory(queue, connection, sessions));
    }
    // Due after the time the measured scheduling rate needs for them, plus a margin.
    const rate = memory.length > 0 ? Math.min(...memory.map((run) => run.timersPerSecond)) : 5_000;
    const leadSeconds = Math.ceil((settings.expiryDueAtOnce / rate) * 1.5) + 5;
    log(`expiry: ${settings.expiryDueAtOnce} timers due in ${leadSeconds} s`);
    const dueAtOnce = await measureDueAtOnce(
      queue,
      connection,
      mongoUri,
      settings.expiryDueAtOnce,
      leadSeconds,
    );

    return { memory, dueAtOnce };
  } finally {
    await queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close();
    await deleteKeys(connection, `bull:${BENCH_EXPIRY_QUEUE}:*`);
    await connection.quit();
  }
}

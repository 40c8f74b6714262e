import { BackoffPolicy, backoffDelayMs, DEFAULT_BACKOFF } from '../core/backoff';
import { Scheduler } from '../core/ports';
import { VigilSdkError } from '../core/sdk.error';
import { BoundedQueue } from './bounded-queue';
import { TelemetryEventTypes } from './event-types';
import { TELEMETRY_BATCH_MAX_EVENTS, TelemetryEvent } from './telemetry-event';

const DROPPED_NOTICE_TYPE = TelemetryEventTypes.telemetryDropped;

/** When and how much telemetry is sent. */
export interface BatchingOptions {
  /** Events per telemetry call, 1 to 100; a full batch is sent at once. */
  batchSize: number;
  /** Maximum time an event waits for its batch to fill, in milliseconds. */
  flushIntervalMs: number;
  /** Events kept while the server is unreachable; the oldest are dropped beyond it. */
  maxQueuedEvents: number;
  backoff: BackoffPolicy;
}

export const DEFAULT_BATCHING: BatchingOptions = {
  batchSize: 50,
  flushIntervalMs: 5_000,
  maxQueuedEvents: 1_000,
  backoff: DEFAULT_BACKOFF,
};

/** Sends one batch; rejects with a VigilSdkError whose `retriable` flag decides whether the batcher tries again. */
export type BatchSender = (events: TelemetryEvent[]) => Promise<void>;

/**
 * Collects telemetry events and sends them in batches: when a batch is full, when the oldest
 * waiting event has waited `flushIntervalMs`, or on `flush()`. A batch that fails with a
 * retriable error goes back to the queue and is retried after a backoff delay. A batch the
 * gateway rejects as invalid is dropped and reported to `onError`, because sending it again
 * would fail again.
 */
export class TelemetryBatcher {
  private readonly queue: BoundedQueue<TelemetryEvent>;
  private timer: unknown;
  private timerDueAt = Number.POSITIVE_INFINITY;
  private sending: Promise<void> | undefined;
  private failedAttempts = 0;
  /** Drops reported by a notice whose batch failed, to report with the next batch. */
  private unreportedDrops = 0;

  constructor(
    private readonly send: BatchSender,
    private readonly scheduler: Scheduler,
    private readonly options: BatchingOptions = DEFAULT_BATCHING,
    private readonly onError: (error: VigilSdkError) => void = () => undefined,
  ) {
    this.queue = new BoundedQueue(options.maxQueuedEvents);
  }

  get queuedEvents(): number {
    return this.queue.size;
  }

  add(event: TelemetryEvent): void {
    this.queue.push(event);
    if (this.failedAttempts > 0) {
      return;
    }
    const delay = this.queue.size >= this.batchSize() ? 0 : this.options.flushIntervalMs;
    this.scheduleFlush(delay);
  }

  /**
   * Sends every queued event now, batch after batch. Resolves when the queue is empty or a batch
   * failed; a failed batch is retried later, so this never rejects.
   */
  flush(): Promise<void> {
    this.cancelTimer();
    this.sending ??= this.sendAll().finally(() => {
      this.sending = undefined;
    });

    return this.sending;
  }

  /**
   * Removes and returns up to one batch of queued events, for a last send that cannot report
   * back, such as navigator.sendBeacon when the page is hidden.
   */
  takeForBeacon(): TelemetryEvent[] {
    return this.queue.take(this.batchSize());
  }

  /** Puts events back after a beacon the browser refused to queue. */
  restore(events: TelemetryEvent[]): void {
    this.queue.restore(events);
  }

  private async sendAll(): Promise<void> {
    while (this.queue.size > 0) {
      const batch = this.nextBatch();
      try {
        await this.send(batch);
        this.failedAttempts = 0;
      } catch (error) {
        this.handleFailure(batch, error);

        return;
      }
    }
  }

  private handleFailure(batch: TelemetryEvent[], error: unknown): void {
    const failure =
      error instanceof VigilSdkError
        ? error
        : new VigilSdkError(`telemetry send failed: ${String(error)}`, 'network_error', 0, true);
    if (!failure.retriable) {
      this.onError(failure);

      return;
    }
    const [first, ...rest] = batch;
    if (first?.type === DROPPED_NOTICE_TYPE) {
      this.unreportedDrops = Number(first.attributes?.dropped_events ?? 0);
      this.queue.restore(rest);
    } else {
      this.queue.restore(batch);
    }
    this.failedAttempts += 1;
    this.scheduleFlush(backoffDelayMs(this.failedAttempts, this.options.backoff));
  }

  /**
   * Takes the next batch. After drops, its first event reports to the server how many events
   * the queue dropped while the gateway could not be reached.
   */
  private nextBatch(): TelemetryEvent[] {
    const dropped = this.queue.takeDroppedCount() + this.unreportedDrops;
    this.unreportedDrops = 0;
    if (dropped === 0) {
      return this.queue.take(this.batchSize());
    }
    const notice: TelemetryEvent = {
      type: DROPPED_NOTICE_TYPE,
      device_time: this.scheduler.now(),
      attributes: { dropped_events: dropped },
    };

    return [notice, ...this.queue.take(this.batchSize() - 1)];
  }

  private scheduleFlush(delayMs: number): void {
    const dueAt = this.scheduler.now() + delayMs;
    if (dueAt >= this.timerDueAt) {
      return;
    }
    this.cancelTimer();
    this.timerDueAt = dueAt;
    this.timer = this.scheduler.setTimeout(() => {
      this.timer = undefined;
      this.timerDueAt = Number.POSITIVE_INFINITY;
      void this.flush();
    }, delayMs);
  }

  private cancelTimer(): void {
    if (this.timer !== undefined) {
      this.scheduler.clearTimeout(this.timer);
      this.timer = undefined;
    }
    this.timerDueAt = Number.POSITIVE_INFINITY;
  }

  private batchSize(): number {
    return Math.min(Math.max(1, this.options.batchSize), TELEMETRY_BATCH_MAX_EVENTS);
  }
}

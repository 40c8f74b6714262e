import { Scheduler } from '../core/ports';

/** A scheduler whose clock moves only when a test calls `advance`. */
export class ManualScheduler implements Scheduler {
  private timers = new Map<number, { dueAt: number; callback: () => void }>();
  private nextId = 1;
  private idle: Array<() => void> = [];

  constructor(private time = 1_700_000_000_000) {}

  now(): number {
    return this.time;
  }

  setTimeout(callback: () => void, delayMs: number): unknown {
    const id = this.nextId++;
    this.timers.set(id, { dueAt: this.time + delayMs, callback });

    return id;
  }

  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }

  whenIdle(callback: () => void): void {
    this.idle.push(callback);
  }

  /** Delay of the earliest pending timer, or undefined when none is pending. */
  nextDelay(): number | undefined {
    const dues = [...this.timers.values()].map((timer) => timer.dueAt - this.time);

    return dues.length > 0 ? Math.min(...dues) : undefined;
  }

  /** Moves the clock forward, runs the timers that fall due, and lets their promises settle. */
  async advance(ms: number): Promise<void> {
    const target = this.time + ms;
    for (;;) {
      const due = [...this.timers.entries()]
        .filter(([, timer]) => timer.dueAt <= target)
        .sort((a, b) => a[1].dueAt - b[1].dueAt)[0];
      if (!due) {
        break;
      }
      this.timers.delete(due[0]);
      this.time = due[1].dueAt;
      due[1].callback();
      await settle();
    }
    this.time = target;
    await settle();
  }

  async runIdle(): Promise<void> {
    const callbacks = this.idle.splice(0);
    callbacks.forEach((callback) => callback());
    await settle();
  }
}

/** Lets pending promise callbacks run. */
export async function settle(): Promise<void> {
  for (let round = 0; round < 20; round += 1) {
    await Promise.resolve();
  }
}

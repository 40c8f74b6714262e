type Wake = (arrived: boolean) => void;

/** Pending waits for keyed arrivals, each resolved by its arrival or by its own timeout. */
export class ArrivalWaiters {
  private readonly pending = new Map<string, Set<Wake>>();

  get size(): number {
    return this.pending.size;
  }

  /** Resolves true when `arrive(key)` is called within `timeoutMs`, else false. */
  waitFor(key: string, timeoutMs: number): Promise<boolean> {
    return new Promise((resolve) => {
      const wakes = this.pending.get(key) ?? new Set<Wake>();
      this.pending.set(key, wakes);
      const wake: Wake = (arrived) => {
        clearTimeout(timer);
        this.remove(key, wake);
        resolve(arrived);
      };
      const timer = setTimeout(() => wake(false), Math.max(0, timeoutMs));
      wakes.add(wake);
    });
  }

  /** Resolves every wait on `key` with true. */
  arrive(key: string): void {
    for (const wake of [...(this.pending.get(key) ?? [])]) {
      wake(true);
    }
  }

  private remove(key: string, wake: Wake): void {
    const wakes = this.pending.get(key);
    wakes?.delete(wake);
    if (wakes?.size === 0) {
      this.pending.delete(key);
    }
  }
}

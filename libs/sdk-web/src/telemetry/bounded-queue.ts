/**
 * A first-in, first-out queue with a capacity. When it is full, adding an item drops the oldest,
 * because the newest telemetry describes the device's current state best.
 */
export class BoundedQueue<T> {
  private items: T[] = [];
  private dropped = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new RangeError(`queue capacity must be a positive integer, got ${capacity}`);
    }
  }

  get size(): number {
    return this.items.length;
  }

  /** Items dropped for lack of room since the last `takeDroppedCount`. */
  get droppedCount(): number {
    return this.dropped;
  }

  push(item: T): void {
    this.items.push(item);
    this.trim();
  }

  /** Removes and returns up to `count` of the oldest items. */
  take(count: number): T[] {
    return this.items.splice(0, Math.max(0, count));
  }

  /**
   * Puts items that `take` returned back in front of the newer ones, after a failed send. When
   * the queue is over capacity, the oldest items go first.
   */
  restore(items: readonly T[]): void {
    this.items = [...items, ...this.items];
    this.trim();
  }

  /** Returns the number of dropped items and resets it. */
  takeDroppedCount(): number {
    const count = this.dropped;
    this.dropped = 0;

    return count;
  }

  private trim(): void {
    const excess = this.items.length - this.capacity;
    if (excess > 0) {
      this.items.splice(0, excess);
      this.dropped += excess;
    }
  }
}

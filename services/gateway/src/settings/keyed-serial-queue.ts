/**
 * Runs tasks that share a key one after another, and tasks of different keys concurrently.
 *
 * FerretDB v1 loses one of two concurrent updates of the same document, even under a
 * compare-and-set filter, so the gateway funnels its writes to one tenant's document and rules
 * through here.
 *
 * NOTE: this orders writes within one gateway process only. Two gateway instances that change
 * the same tenant's settings at the same moment can still lose one write on FerretDB v1.
 */
export class KeyedSerialQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  /** Runs `task` once every earlier task of `key` has settled, and returns its result. */
  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(task, task);
    const tail = result.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) {
        this.tails.delete(key);
      }
    });

    return result;
  }
}

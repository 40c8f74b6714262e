import { Injectable } from '@nestjs/common';

/**
 * Serializes the writes of this process to one document. FerretDB 1.24 applies an update by
 * reading the document and writing it back in separate steps, so two updates of one document
 * that run at once can lose one of them, revision guard or not (docs/infrastructure.md, FerretDB
 * rule 1). The telemetry consumer, the activity consumer and the expiry worker all write device
 * sessions, so every write of a session or a device goes through this lock.
 *
 * The writers also read a document and check their conditions under this lock, then write it
 * by `_id` alone (see DeviceSessionRepository.save), so the lock is their compare-and-set too.
 * It covers one service instance. That is enough with several instances, because the session
 * consumer group gives all records of one session to one instance (see SESSION_CONSUMER_GROUP).
 */
@Injectable()
export class DocumentWriteLock {
  private readonly tails = new Map<string, Promise<void>>();

  /**
   * Runs `write` while holding the locks of all `keys`. Keys are taken in sorted order, so two
   * callers that need overlapping sets of keys cannot wait for each other.
   */
  async run<T>(keys: string[], write: () => Promise<T>): Promise<T> {
    const releases: (() => void)[] = [];
    try {
      for (const key of [...new Set(keys)].sort()) {
        releases.push(await this.acquire(key));
      }

      return await write();
    } finally {
      releases.reverse().forEach((release) => release());
    }
  }

  private async acquire(key: string): Promise<() => void> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const tail = previous.then(() => released);
    this.tails.set(key, tail);
    await previous;

    return () => {
      release();
      if (this.tails.get(key) === tail) {
        this.tails.delete(key);
      }
    };
  }
}

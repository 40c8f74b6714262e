/**
 * Follows a kafkajs consumer from a crash that kafkajs restarts until the consumer makes progress
 * again: a batch applied, or a whole fetch cycle with nothing to apply. Joining the group again is
 * not progress, because a batch that keeps failing makes kafkajs crash and restart the consumer
 * over and over, and the consumer rejoins each time before it fetches that batch again.
 *
 * The methods mirror the kafkajs instrumentation events: CRASH, GROUP_JOIN, FETCH_START, FETCH,
 * START_BATCH_PROCESS and END_BATCH_PROCESS. A batch whose handler throws has no end event.
 */
export class RestartWatch {
  private restartingAfter: Error | undefined;
  private batchesInFlight = 0;
  private startedSinceFetch = false;
  private fetchedSinceJoin = false;

  /** The crash the consumer has not yet recovered from, if any. */
  get problem(): Error | undefined {
    return this.restartingAfter;
  }

  crashed(error: Error): void {
    this.restartingAfter = error;
  }

  joined(): void {
    this.batchesInFlight = 0;
    this.startedSinceFetch = false;
    this.fetchedSinceJoin = false;
  }

  fetchStarted(): void {
    // The previous fetch started no batch and none is running, so nothing waits to be applied.
    if (this.fetchedSinceJoin && !this.startedSinceFetch && this.batchesInFlight === 0) {
      this.restartingAfter = undefined;
    }
    this.startedSinceFetch = false;
  }

  fetched(): void {
    this.fetchedSinceJoin = true;
  }

  batchStarted(): void {
    this.batchesInFlight += 1;
    this.startedSinceFetch = true;
  }

  batchEnded(): void {
    this.batchesInFlight = Math.max(0, this.batchesInFlight - 1);
    this.restartingAfter = undefined;
  }
}

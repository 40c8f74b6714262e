import { RestartWatch } from './restart-watch';

const OUTAGE = new Error('connect ECONNREFUSED 127.0.0.1:27017');

/** Returns a watch that saw a crash and the rejoin after it. */
function restarted(): RestartWatch {
  const watch = new RestartWatch();
  watch.crashed(OUTAGE);
  watch.joined();

  return watch;
}

describe(RestartWatch.name, () => {
  it('reports nothing before a crash', () => {
    expect(new RestartWatch().problem).toBeUndefined();
  });

  it('keeps the crash across the rejoin', () => {
    expect(restarted().problem).toBe(OUTAGE);
  });

  it('keeps the crash while the same batch keeps failing', () => {
    const watch = restarted();
    for (let attempt = 0; attempt < 3; attempt += 1) {
      watch.fetchStarted();
      watch.fetched();
      watch.batchStarted();
    }

    expect(watch.problem).toBe(OUTAGE);
  });

  it('clears once a batch is applied', () => {
    const watch = restarted();
    watch.fetchStarted();
    watch.fetched();
    watch.batchStarted();
    watch.batchEnded();

    expect(watch.problem).toBeUndefined();
  });

  it('clears after a fetch with nothing to apply', () => {
    const watch = restarted();
    watch.fetchStarted();
    watch.fetched();

    const afterFirstFetch = watch.problem;
    watch.fetchStarted();

    expect(afterFirstFetch).toBe(OUTAGE);
    expect(watch.problem).toBeUndefined();
  });

  it('keeps the crash while a batch of another fetch runs', () => {
    const watch = restarted();
    watch.fetchStarted();
    watch.fetched();
    watch.batchStarted();
    watch.fetchStarted();
    watch.fetched();
    watch.fetchStarted();

    expect(watch.problem).toBe(OUTAGE);
  });
});

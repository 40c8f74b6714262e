import { ArrivalWaiters } from './arrival-waiters';

describe(ArrivalWaiters.name, () => {
  it('resolves every wait on a key when it arrives', async () => {
    const waiters = new ArrivalWaiters();
    const first = waiters.waitFor('a_1', 1_000);
    const second = waiters.waitFor('a_1', 1_000);

    waiters.arrive('a_1');

    await expect(first).resolves.toBe(true);
    await expect(second).resolves.toBe(true);
    expect(waiters.size).toBe(0);
  });

  it('resolves false after the timeout', async () => {
    const waiters = new ArrivalWaiters();
    const started = Date.now();

    const arrived = await waiters.waitFor('a_1', 30);

    expect(arrived).toBe(false);
    expect(Date.now() - started).toBeGreaterThanOrEqual(25);
    expect(waiters.size).toBe(0);
  });

  it('ignores arrivals of other keys', async () => {
    const waiters = new ArrivalWaiters();
    const wait = waiters.waitFor('a_1', 30);

    waiters.arrive('a_2');

    await expect(wait).resolves.toBe(false);
  });

  it('ignores an arrival before the wait began', async () => {
    const waiters = new ArrivalWaiters();
    waiters.arrive('a_1');

    await expect(waiters.waitFor('a_1', 20)).resolves.toBe(false);
  });
});

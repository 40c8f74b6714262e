import { setTimeout as sleep } from 'node:timers/promises';
import { runInOrderPerKey } from './keyed-concurrency';

interface Item {
  key: string;
  id: number;
  delayMs: number;
}

function itemsOf(keys: string, delayMs = 5): Item[] {
  return [...keys].map((key, id) => ({ key, id, delayMs: delayMs + (id % 3) }));
}

describe(runInOrderPerKey.name, () => {
  it('keeps at most limit calls in flight', async () => {
    let inFlight = 0;
    let maxInFlight = 0;

    await runInOrderPerKey(
      itemsOf('abcdefghijklmnop'),
      (item) => item.key,
      4,
      async (item) => {
        inFlight += 1;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await sleep(item.delayMs);
        inFlight -= 1;
      },
    );

    expect(maxInFlight).toBe(4);
  });

  it('runs one key in order without overlap', async () => {
    const events: Array<{ phase: 'start' | 'end'; key: string; id: number }> = [];

    await runInOrderPerKey(
      itemsOf('aabacaabbc', 3),
      (item) => item.key,
      8,
      async (item) => {
        events.push({ phase: 'start', key: item.key, id: item.id });
        await sleep(item.delayMs);
        events.push({ phase: 'end', key: item.key, id: item.id });
      },
    );

    const ofA = events.filter((event) => event.key === 'a').map((e) => `${e.phase} ${e.id}`);
    expect(ofA).toEqual([
      'start 0',
      'end 0',
      'start 1',
      'end 1',
      'start 3',
      'end 3',
      'start 5',
      'end 5',
      'start 6',
      'end 6',
    ]);
    expect(events).toHaveLength(20);
  });

  it('starts items in input order', async () => {
    const started: number[] = [];

    await runInOrderPerKey(
      itemsOf('abcdefgh'),
      (item) => item.key,
      3,
      async (item) => {
        started.push(item.id);
        await sleep(item.delayMs);
      },
    );

    expect(started).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it('stops dispatching after an error and throws it', async () => {
    const started: number[] = [];

    const run = runInOrderPerKey(
      itemsOf('abcdefghij'),
      (item) => item.key,
      2,
      async (item) => {
        started.push(item.id);
        await sleep(item.delayMs);
        if (item.id === 1) {
          throw new Error('worker failed on item 1');
        }
      },
    );

    await expect(run).rejects.toThrow('worker failed on item 1');
    expect(started.length).toBeLessThan(5);
  });

  it('rejects a limit below 1', async () => {
    await expect(
      runInOrderPerKey(
        [],
        () => 'a',
        0,
        async () => undefined,
      ),
    ).rejects.toThrow('concurrency limit 0 must be a positive integer');
  });
});

import { mapConcurrently } from './map-concurrently';

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

describe(mapConcurrently.name, () => {
  it('returns the results in input order', async () => {
    const results = await mapConcurrently([30, 5, 20, 1], 2, async (ms) => {
      await delay(ms);

      return ms * 2;
    });

    expect(results).toEqual([60, 10, 40, 2]);
  });

  it('keeps at most the limit in flight', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const items = Array.from({ length: 20 }, (_, index) => index);

    await mapConcurrently(items, 8, async (index) => {
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await delay(index % 3);
      inFlight -= 1;
    });

    expect(maxInFlight).toBe(8);
  });

  it('runs every item once', async () => {
    const seen: number[] = [];

    await mapConcurrently([1, 2, 3, 4, 5], 3, async (item) => {
      seen.push(item);
    });

    expect(seen.sort()).toEqual([1, 2, 3, 4, 5]);
  });

  it('returns an empty list for no items', async () => {
    await expect(mapConcurrently([], 8, async () => 1)).resolves.toEqual([]);
  });

  it('rejects when a call fails', async () => {
    const failing = mapConcurrently([1, 2, 3], 2, async (item) => {
      if (item === 2) {
        throw new Error('read of 2 failed');
      }

      return item;
    });

    await expect(failing).rejects.toThrow('read of 2 failed');
  });

  it('rejects a limit below one', async () => {
    await expect(mapConcurrently([1], 0, async (item) => item)).rejects.toThrow(RangeError);
  });
});

import { BoundedQueue } from './bounded-queue';

describe('BoundedQueue', () => {
  it('drops the oldest items when full', () => {
    const queue = new BoundedQueue<number>(3);
    [1, 2, 3, 4, 5].forEach((item) => queue.push(item));

    expect(queue.take(10)).toEqual([3, 4, 5]);
    expect(queue.droppedCount).toBe(2);
  });

  it('restores taken items in front of newer ones', () => {
    const queue = new BoundedQueue<number>(5);
    [1, 2, 3].forEach((item) => queue.push(item));
    const taken = queue.take(2);
    queue.push(4);
    queue.restore(taken);

    expect(queue.take(10)).toEqual([1, 2, 3, 4]);
  });

  it('drops the oldest restored items beyond capacity', () => {
    const queue = new BoundedQueue<number>(3);
    [1, 2].forEach((item) => queue.push(item));
    const taken = queue.take(2);
    [3, 4].forEach((item) => queue.push(item));
    queue.restore(taken);

    expect(queue.take(10)).toEqual([2, 3, 4]);
    expect(queue.takeDroppedCount()).toBe(1);
    expect(queue.takeDroppedCount()).toBe(0);
  });

  it('rejects a capacity below one', () => {
    expect(() => new BoundedQueue(0)).toThrow('queue capacity must be a positive integer, got 0');
  });
});

import { setTimeout as sleep } from 'node:timers/promises';
import { KeyedSerialQueue } from './keyed-serial-queue';

describe(KeyedSerialQueue.name, () => {
  it('runs tasks of one key in order, one at a time', async () => {
    const queue = new KeyedSerialQueue();
    const events: string[] = [];
    const task = (name: string, ms: number) => async () => {
      events.push(`${name} start`);
      await sleep(ms);
      events.push(`${name} end`);

      return name;
    };

    const results = await Promise.all([
      queue.run('tenant-a', task('first', 30)),
      queue.run('tenant-a', task('second', 1)),
    ]);

    expect(results).toEqual(['first', 'second']);
    expect(events).toEqual(['first start', 'first end', 'second start', 'second end']);
  });

  it('runs tasks of different keys concurrently', async () => {
    const queue = new KeyedSerialQueue();
    const events: string[] = [];
    const task = (name: string, ms: number) => async () => {
      events.push(`${name} start`);
      await sleep(ms);
      events.push(`${name} end`);
    };

    await Promise.all([queue.run('a', task('a', 30)), queue.run('b', task('b', 1))]);

    expect(events).toEqual(['a start', 'b start', 'b end', 'a end']);
  });

  it('continues after a failed task', async () => {
    const queue = new KeyedSerialQueue();

    const failed = queue.run('a', () => Promise.reject(new Error('write failed')));
    const next = queue.run('a', async () => 'ran');

    await expect(failed).rejects.toThrow('write failed');
    await expect(next).resolves.toBe('ran');
  });
});

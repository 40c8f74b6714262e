import { DocumentWriteLock } from './document-write.lock';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((done) => (resolve = done));

  return { promise, resolve };
}

describe(DocumentWriteLock.name, () => {
  it('runs writes of one key one after another', async () => {
    const lock = new DocumentWriteLock();
    const order: string[] = [];
    const first = deferred();

    const a = lock.run(['s1'], async () => {
      order.push('a start');
      await first.promise;
      order.push('a end');
    });
    const b = lock.run(['s1'], async () => {
      order.push('b');
    });
    await Promise.resolve();
    first.resolve();
    await Promise.all([a, b]);

    expect(order).toEqual(['a start', 'a end', 'b']);
  });

  it('runs writes of different keys at once', async () => {
    const lock = new DocumentWriteLock();
    const blocker = deferred();
    const a = lock.run(['s1'], () => blocker.promise);

    await lock.run(['s2'], async () => undefined);
    blocker.resolve();
    await a;
  });

  it('takes overlapping key sets without waiting forever', async () => {
    const lock = new DocumentWriteLock();
    const results = await Promise.all([
      lock.run(['s1', 's2', 's3'], async () => 'first'),
      lock.run(['s3', 's1'], async () => 'second'),
      lock.run(['s2'], async () => 'third'),
    ]);

    expect(results).toEqual(['first', 'second', 'third']);
  });

  it('releases the keys when a write fails', async () => {
    const lock = new DocumentWriteLock();
    const failed = lock.run(['s1'], async () => {
      throw new Error('write failed');
    });

    await expect(failed).rejects.toThrow('write failed');
    await expect(lock.run(['s1'], async () => 'next')).resolves.toBe('next');
  });
});

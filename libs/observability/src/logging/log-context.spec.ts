import { currentLogContext, runWithLogContext, setLogContext } from './log-context';

describe('log context', () => {
  it('is empty outside any work', () => {
    expect(currentLogContext()).toEqual({});
  });

  it('keeps its ids across awaits', async () => {
    const seen = await runWithLogContext({ correlation_id: 'c-1' }, async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));

      return currentLogContext();
    });

    expect(seen).toEqual({ correlation_id: 'c-1' });
  });

  it('adds ids learned during the work to the shared store', async () => {
    const store = { correlation_id: 'c-2' };

    await runWithLogContext(store, async () => {
      await Promise.resolve();
      setLogContext({ tenant_id: 't-1', session_id: 's-1', correlation_id: undefined });
    });
    const seenLater = runWithLogContext(store, () => currentLogContext());

    expect(seenLater).toEqual({ correlation_id: 'c-2', tenant_id: 't-1', session_id: 's-1' });
  });

  it('keeps concurrent works apart', async () => {
    const run = (id: string) =>
      runWithLogContext({ correlation_id: id }, async () => {
        await new Promise((resolve) => setTimeout(resolve, 5));

        return currentLogContext().correlation_id;
      });

    expect(await Promise.all([run('a'), run('b')])).toEqual(['a', 'b']);
  });

  it('ignores ids set outside any work', () => {
    setLogContext({ tenant_id: 't-2' });

    expect(currentLogContext()).toEqual({});
  });
});

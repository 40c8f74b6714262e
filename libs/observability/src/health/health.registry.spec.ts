import { HealthRegistry, runCheck } from './health.registry';

describe(runCheck.name, () => {
  it('returns undefined for a healthy check', async () => {
    expect(await runCheck(() => undefined, 100)).toBeUndefined();
  });

  it('returns the problem a check reports', async () => {
    expect(await runCheck(async () => 'redis connection is reconnecting', 100)).toBe(
      'redis connection is reconnecting',
    );
  });

  it('turns a thrown error into a problem', async () => {
    const check = () => {
      throw new Error('ECONNREFUSED 127.0.0.1:27017');
    };

    expect(await runCheck(check, 100)).toBe('check failed: ECONNREFUSED 127.0.0.1:27017');
  });

  it('fails a check that times out', async () => {
    const hanging = () => new Promise<undefined>(() => {});

    expect(await runCheck(hanging, 20)).toBe('check timed out after 20 ms');
  });
});

describe(HealthRegistry.name, () => {
  it('replaces a check registered again under the same name', () => {
    const registry = new HealthRegistry();

    registry.register('mongodb', () => 'first');
    registry.register('mongodb', () => undefined);

    expect(registry.entries().map(([name]) => name)).toEqual(['mongodb']);
    expect(registry.entries()[0][1]()).toBeUndefined();
  });
});

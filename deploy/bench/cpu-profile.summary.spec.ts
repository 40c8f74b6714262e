import { busyMs, CpuProfile, packageOf, topFunctions, topPackages } from './cpu-profile.summary';

const frame = (functionName: string, url: string) => ({ functionName, url, lineNumber: 9 });

const profile: CpuProfile = {
  nodes: [
    { id: 1, callFrame: frame('(idle)', '') },
    { id: 2, callFrame: frame('encode', 'file:///repo/node_modules/kafkajs/src/encoder.js') },
    { id: 3, callFrame: frame('handle', 'file:///repo/dist/services/gateway/src/main.js') },
    { id: 4, callFrame: frame('(garbage collector)', '') },
  ],
  samples: [1, 2, 2, 3, 4],
  timeDeltas: [5_000, 2_000, 2_000, 1_000, 1_000],
};

describe('packageOf', () => {
  it('names a scoped package', () => {
    expect(packageOf('/a/node_modules/@nestjs/core/x.js', 'f')).toBe('@nestjs/core');
  });

  it('names node internals and the project', () => {
    expect(packageOf('node:internal/streams', 'f')).toBe('node');
    expect(packageOf('/repo/dist/services/x.js', 'f')).toBe('vigil');
  });

  it('keeps V8 pseudo-nodes', () => {
    expect(packageOf('', '(garbage collector)')).toBe('(garbage collector)');
  });
});

describe('topPackages', () => {
  it('sums self time per package without idle', () => {
    const top = topPackages(profile, 5);

    expect(top.map((entry) => entry.name)).toEqual(['kafkajs', 'vigil', '(garbage collector)']);
    expect(top[0].ms).toBe(4);
    expect(top[0].share).toBeCloseTo(4 / 6);
  });
});

describe('topFunctions', () => {
  it('names function, file and line', () => {
    expect(topFunctions(profile, 1)[0].name).toBe('encode kafkajs/src/encoder.js:10');
  });
});

describe('busyMs', () => {
  it('leaves idle samples out', () => {
    expect(busyMs(profile)).toBe(6);
  });
});

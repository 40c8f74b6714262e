/** The parts of a V8 `.cpuprofile` (node --cpu-prof) that a self-time summary needs. */
export interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples: number[];
  timeDeltas: number[];
}

/** Self time of one function or one package, in milliseconds and as a share of the busy time. */
export interface SelfTime {
  name: string;
  ms: number;
  share: number;
}

/**
 * Names the package a script belongs to: `node_modules/<name>` (with its scope), `node` for
 * Node's own modules, `vigil` for the compiled project, or V8's pseudo-node such as
 * `(garbage collector)`.
 */
export function packageOf(url: string, functionName: string): string {
  if (url === '') {
    return functionName.startsWith('(') ? functionName : '(native)';
  }
  const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (modules) {
    return modules[1];
  }
  if (url.startsWith('node:')) {
    return 'node';
  }

  return url.includes('/dist/') ? 'vigil' : url;
}

function selfTimes(profile: CpuProfile, key: (node: CpuProfile['nodes'][number]) => string) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const totals = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, index) => {
    const micros = profile.timeDeltas[index] ?? 0;
    const node = byId.get(id);
    if (!node) {
      return;
    }
    const name = key(node);
    totals.set(name, (totals.get(name) ?? 0) + micros);
    total += node.callFrame.functionName === '(idle)' ? 0 : micros;
  });

  return [...totals]
    .map(([name, micros]) => ({ name, ms: micros / 1000, share: micros / total }))
    .sort((a, b) => b.ms - a.ms);
}

/** Returns the `limit` functions with the most self time, idle time left out. */
export function topFunctions(profile: CpuProfile, limit: number): SelfTime[] {
  return selfTimes(profile, ({ callFrame }) => {
    const file = callFrame.url.replace(/^.*node_modules\//, '').replace(/^.*\/dist\//, '');

    return `${callFrame.functionName || '(anonymous)'} ${file}:${callFrame.lineNumber + 1}`;
  })
    .filter((entry) => !entry.name.startsWith('(idle)'))
    .slice(0, limit);
}

/** Returns the `limit` packages with the most self time, idle time left out. */
export function topPackages(profile: CpuProfile, limit: number): SelfTime[] {
  return selfTimes(profile, ({ callFrame }) => packageOf(callFrame.url, callFrame.functionName))
    .filter((entry) => entry.name !== '(idle)')
    .slice(0, limit);
}

/** Milliseconds of the profile that were not idle. */
export function busyMs(profile: CpuProfile): number {
  const idle = new Set(
    profile.nodes.filter((node) => node.callFrame.functionName === '(idle)').map((node) => node.id),
  );

  return (
    profile.samples.reduce(
      (sum, id, index) => sum + (idle.has(id) ? 0 : (profile.timeDeltas[index] ?? 0)),
      0,
    ) / 1000
  );
}

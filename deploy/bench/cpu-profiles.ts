import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ServiceName } from '../runtime/service-processes';
import { busyMs, CpuProfile, SelfTime, topFunctions, topPackages } from './cpu-profile.summary';

/** The busiest CPU profile of one service during a run. */
export interface ServiceProfile {
  file: string;
  busyMs: number;
  packages: SelfTime[];
  functions: SelfTime[];
}

/**
 * Summarizes the profiles node --cpu-prof wrote into `directory` for the given processes (file
 * names end in `.<pid>.<thread>.cpuprofile`), keeping each service's busiest process.
 */
export function summarizeProfiles(
  directory: string,
  processes: Map<number, ServiceName>,
): Partial<Record<ServiceName, ServiceProfile>> {
  const result: Partial<Record<ServiceName, ServiceProfile>> = {};
  if (!existsSync(directory)) {
    return result;
  }
  for (const file of readdirSync(directory)) {
    const pid = Number(/^CPU\.\d+\.\d+\.(\d+)\./.exec(file)?.[1]);
    const service = processes.get(pid);
    if (service === undefined) {
      continue;
    }
    const profile = JSON.parse(readFileSync(path.join(directory, file), 'utf8')) as CpuProfile;
    const busy = busyMs(profile);
    if ((result[service]?.busyMs ?? -1) < busy) {
      result[service] = {
        file,
        busyMs: busy,
        packages: topPackages(profile, 8),
        functions: topFunctions(profile, 12),
      };
    }
  }

  return result;
}

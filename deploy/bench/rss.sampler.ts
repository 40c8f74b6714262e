import { ServiceName } from '../runtime/service-processes';
import { quantile } from './stats';

/** Resident memory of one service over a sampling window, in MiB. */
export interface RssSummary {
  medianMiB: number;
  maxMiB: number;
}

/** Samples the RSS of the given services every `intervalMs` until stopped. */
export class RssSampler {
  private readonly samples = new Map<ServiceName, number[]>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly read: (name: ServiceName) => number,
    names: ServiceName[],
    intervalMs = 500,
  ) {
    for (const name of names) {
      this.samples.set(name, []);
    }
    this.timer = setInterval(() => this.sample(), intervalMs);
  }

  private sample(): void {
    for (const [name, values] of this.samples) {
      const bytes = this.read(name);
      if (Number.isFinite(bytes)) {
        values.push(bytes / 1_048_576);
      }
    }
  }

  stop(): Partial<Record<ServiceName, RssSummary>> {
    clearInterval(this.timer);
    this.sample();
    const summary: Partial<Record<ServiceName, RssSummary>> = {};
    for (const [name, values] of this.samples) {
      summary[name] = { medianMiB: quantile(values, 0.5), maxMiB: Math.max(...values) };
    }

    return summary;
  }
}

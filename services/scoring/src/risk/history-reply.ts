import {
  ActionHistory,
  LabelTarget,
  ReputationLabel,
  UserLocation,
  WindowCounts,
} from './action-history';

/** Builds the history from the replies of the two history scripts; see their comments. */
export function toActionHistory(
  counts: number[],
  signalReply: unknown[],
  hasUser: boolean,
  hasIp: boolean,
  country?: string,
): ActionHistory {
  const windows = (values: number[], offset: number): WindowCounts => ({
    lastMinute: values[offset],
    lastHour: values[offset + 1],
    lastDay: values[offset + 2],
  });
  const failures = signalReply.slice(0, 6) as number[];
  const countries = signalReply[9] as string[];
  const countryIsNew = signalReply[10] === 1 && country !== undefined;

  return {
    session: windows(counts, 0),
    device: windows(counts, 3),
    user: hasUser ? windows(counts, 6) : undefined,
    ip: hasIp ? windows(counts, 9) : undefined,
    userKnownDevice: counts[12] === 1,
    userDeviceCount: counts[13],
    userPreviousActionCount: counts[14],
    failedResults: {
      device: windows(failures, 0),
      user: hasUser ? windows(failures, 3) : undefined,
    },
    deviceUserCountLastDay: signalReply[6] as number,
    userDeviceCountLastDay: signalReply[7] as number,
    sessionIps: signalReply[8] as string[],
    userNewCountry: countryIsNew
      ? { country, knownCountries: countries.filter((known) => known !== country) }
      : undefined,
    previousUserLocation: locationOf(signalReply[11] as string[]),
    labels: labelsOf(signalReply.slice(12, 15) as Array<string | null>),
  };
}

function locationOf(previous: string[]): UserLocation | undefined {
  if (!Array.isArray(previous) || previous.length < 3) {
    return undefined;
  }

  return { action_id: previous[0], country: previous[1], at: Number(previous[2]) };
}

function labelsOf(values: Array<string | null>): Partial<Record<LabelTarget, ReputationLabel>> {
  const targets: LabelTarget[] = ['device', 'user', 'ip'];
  const labels: Partial<Record<LabelTarget, ReputationLabel>> = {};
  targets.forEach((target, index) => {
    const value = values[index];
    if (typeof value === 'string') {
      labels[target] = JSON.parse(value) as ReputationLabel;
    }
  });

  return labels;
}

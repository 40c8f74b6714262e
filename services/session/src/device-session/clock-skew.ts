/** How far a device clock may be from server time before its events count as skewed. */
export const CLOCK_SKEW_TOLERANCE_MS = 5 * 60 * 1000;
/** Device times below this are taken as seconds: in milliseconds they would be before 1973. */
const SECONDS_THRESHOLD = 100_000_000_000;

export interface ClockReading {
  /** Device time minus server time, in milliseconds, after reading seconds as such. */
  skew_ms: number;
  /** The device sent seconds where milliseconds were expected. */
  in_seconds: boolean;
  skewed: boolean;
}

/**
 * Compares a device's clock with the server's receive time. Server time orders events; this only
 * flags a device whose clock is far off or that sends seconds instead of milliseconds.
 */
export function readDeviceClock(deviceTime: number, receivedAt: Date): ClockReading {
  const inSeconds = Math.abs(deviceTime) < SECONDS_THRESHOLD;
  const deviceMs = inSeconds ? deviceTime * 1000 : deviceTime;
  const skewMs = Math.round(deviceMs - receivedAt.getTime());

  return {
    skew_ms: skewMs,
    in_seconds: inSeconds,
    skewed: inSeconds || Math.abs(skewMs) > CLOCK_SKEW_TOLERANCE_MS,
  };
}

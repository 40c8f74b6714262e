/** Operating system families that a user agent and `navigator.platform` can both name. */
export type OsFamily = 'windows' | 'mac' | 'ios' | 'android' | 'linux' | 'chromeos';

/** Returns the OS family a user agent names, or undefined when it names none of them. */
export function osFamilyOfUserAgent(userAgent: string): OsFamily | undefined {
  if (/\b(iPhone|iPad|iPod)\b/.test(userAgent)) {
    return 'ios';
  }
  if (/\bAndroid\b/.test(userAgent)) {
    return 'android';
  }
  if (/\bCrOS\b/.test(userAgent)) {
    return 'chromeos';
  }
  if (/\bWindows\b/.test(userAgent)) {
    return 'windows';
  }
  if (/\bMacintosh\b|\bMac OS X\b/.test(userAgent)) {
    return 'mac';
  }

  return /\bLinux\b|\bX11\b/.test(userAgent) ? 'linux' : undefined;
}

/**
 * Platforms each user-agent family may report. Android browsers report `Linux armv8l`,
 * `Linux aarch64` or `Linux x86_64`, and Chrome OS reports `Linux x86_64`, so every `Linux`
 * platform fits those families.
 */
const PLATFORM_PATTERNS: Record<OsFamily, RegExp> = {
  windows: /^Win/i,
  mac: /^Mac/i,
  ios: /^(iPhone|iPad|iPod)/i,
  android: /^(Linux|Android)/i,
  linux: /^Linux/i,
  chromeos: /^Linux/i,
};

/** What contradicts the user agent among the platform, screen and touch support reported. */
export interface DeviceContradiction {
  check: 'platform' | 'touch_points' | 'screen_width';
  user_agent_os: OsFamily;
  reported: string | number;
}

/** Widest CSS screen width of a phone in portrait or landscape; tablets are not checked. */
const PHONE_MAX_SCREEN_WIDTH = 1024;

/**
 * Compares what the user agent claims with what the browser reported about the device. A missing
 * value is never a contradiction.
 */
export function findDeviceContradictions(
  userAgent: string,
  reported: { platform?: string; touchPoints?: number; screenWidth?: number },
): DeviceContradiction[] {
  const os = osFamilyOfUserAgent(userAgent);
  if (os === undefined) {
    return [];
  }
  const found: DeviceContradiction[] = [];
  if (reported.platform !== undefined && !PLATFORM_PATTERNS[os].test(reported.platform)) {
    found.push({ check: 'platform', user_agent_os: os, reported: reported.platform });
  }
  const phone = os === 'ios' ? /\biPhone\b/.test(userAgent) : /\bMobile\b/.test(userAgent);
  if ((os === 'ios' || os === 'android') && phone) {
    if (reported.touchPoints === 0) {
      found.push({ check: 'touch_points', user_agent_os: os, reported: 0 });
    }
    if (reported.screenWidth !== undefined && reported.screenWidth > PHONE_MAX_SCREEN_WIDTH) {
      found.push({ check: 'screen_width', user_agent_os: os, reported: reported.screenWidth });
    }
  }

  return found;
}
